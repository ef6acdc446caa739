import logging
import os
import threading

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dienhong.settings")
application = get_wsgi_application()


def _warm_search() -> None:
    """Read the search's facet table beside the first requests (ADR 0002, "Facets")."""
    from django.db import connection

    from dienhong.search import facets

    try:
        facets.warm()
    except Exception:  # e.g. not migrated yet: the first text search reads it instead
        logging.getLogger(__name__).warning("search facet table not read at start", exc_info=True)
    finally:
        connection.close()


threading.Thread(target=_warm_search, name="dienhong-warm-search", daemon=True).start()
