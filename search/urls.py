from django.urls import path

from . import api, views

app_name = "search"

# The page, under the language prefix (/en/search/).
urlpatterns = [
    path("search/", views.search, name="search"),
]

# The JSON API, outside the language prefix (/api/search/), namespace "search_api".
api_urlpatterns = [
    path("", api.search, name="search"),
    path("suggest/", api.suggest, name="suggest"),
]
