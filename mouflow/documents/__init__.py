"""MoU documents: HTML from the templates in `templates/`, PDF from WeasyPrint, stored by content hash."""
