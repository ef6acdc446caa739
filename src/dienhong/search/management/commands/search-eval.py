"""``dienhong search-eval``: the same command as ``search_eval`` under the name of issue 5."""

from dienhong.search.management.commands.search_eval import Command

__all__ = ["Command"]
