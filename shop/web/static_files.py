"""Versioned links to static files, cached by browsers and proxies for a year.

`static_url("css/shop.css")` gives `/static/css/shop.css?v=<hash of the file>`: a new
release changes the hash, so the long cache never serves a stale file. A request whose
`v` matches the file's current hash is answered with `Cache-Control: public,
max-age=31536000, immutable`; other static requests keep Flask's revalidation.
"""
import hashlib
import os

from flask import current_app, request, url_for

_hashes = {}  # path → (modification time, size, short hash)


def file_version(filename):
    """Return a short hash of the static file `filename`, or "" when it does not exist."""
    path = os.path.join(current_app.static_folder, filename)
    try:
        stat = os.stat(path)
    except OSError:
        return ""
    cached = _hashes.get(path)
    if cached and cached[:2] == (stat.st_mtime_ns, stat.st_size):
        return cached[2]
    with open(path, "rb") as handle:
        digest = hashlib.sha256(handle.read()).hexdigest()[:12]
    _hashes[path] = (stat.st_mtime_ns, stat.st_size, digest)
    return digest


def static_url(filename):
    """Return the versioned URL of a static file."""
    version = file_version(filename)
    return url_for("static", filename=filename, v=version) if version else url_for("static", filename=filename)


def init_app(app):
    """Offer `static_url` to templates and cache versioned static files for a long time."""
    app.add_template_global(static_url)

    @app.after_request
    def _cache_versioned(response):
        if request.endpoint != "static" or response.status_code != 200:
            return response
        version = request.args.get("v")
        filename = (request.view_args or {}).get("filename", "")
        if version and version == file_version(filename):
            response.cache_control.public = True
            response.cache_control.max_age = app.config["STATIC_VERSIONED_MAX_AGE"]
            response.cache_control.immutable = True
            response.cache_control.no_cache = None
        return response
