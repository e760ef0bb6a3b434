"""The web pages for people: server-rendered HTML from `templates/web/`, no external assets."""
