"""Views of the moderation app, one module per part: the staff workspace, reporting, staff accounts, and the
public due-process pages (reports on comments, appeals)."""
