from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from dienhong.org import selectors


@login_required
def directory(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "")
    people = selectors.person_list(request.user, q=q)[:50]
    return render(request, "org/directory.html", {"people": people, "q": q,
                                                   "tree": selectors.unit_tree_as_of(request.user)})
