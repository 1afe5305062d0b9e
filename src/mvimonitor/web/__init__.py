"""The web kit: what the views and forms of every domain app share and none of them
owns (the typed organisation request, finding the plan and action in the URL, the
member's rights, a service's refusal on a form or as a message, the date input).
Not a Django app: no models, no URLs, no templates."""
