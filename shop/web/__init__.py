"""Web plumbing shared by the blueprints: page cache, security, templating, static files, errors, forms."""
