"""Links to stored pictures and the answers that hand out stored files.

Public pictures are linked at the store's public address (MEDIA_BASE_URL) when there is
one, and through the shop's `/media/` otherwise, with a year-long cache (their keys are
random, so a file never changes). Private files (certificate scans) go only to those a
service allowed: a short-lived presigned address on S3, or streamed with `no-store`.
"""
from flask import Response, abort, current_app, redirect, request, send_from_directory, url_for

from shop.services.media.storage import PUBLIC_CACHE_CONTROL, content_type_of, is_private, media_store


def media_url(filename, external=False):
    """Return the address of a stored public picture."""
    return media_store().public_url(filename) or url_for("main.media", filename=filename, _external=external)


def public_media_response(filename):
    """Answer a request for a public picture (404 for a private or missing file)."""
    if is_private(filename):
        abort(404)
    store = media_store()
    if store.kind == "local":
        response = send_from_directory(current_app.config["MEDIA_FOLDER"], filename, max_age=31536000)
    else:
        data = store.read(filename)
        if data is None:
            abort(404)
        response = Response(data, mimetype=content_type_of(filename))
        response.set_etag(filename)
        response.make_conditional(request)
    response.headers["Cache-Control"] = PUBLIC_CACHE_CONTROL
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def private_media_response(key):
    """Hand a private file to a visitor already allowed to see it (404 when missing)."""
    store = media_store()
    signed = store.signed_url(key)
    if signed:
        response = redirect(signed)
    else:
        data = store.read(key)
        if data is None:
            abort(404)
        response = Response(data, mimetype=content_type_of(key))
        response.headers["Content-Disposition"] = "inline"
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def init_app(app):
    """Offer `media_url` to templates."""
    app.add_template_global(media_url)
