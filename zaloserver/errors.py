"""Refusals in the summary's envelope, so every layer can answer `{"ok": false, "error_code", "description"}`.

The summary documents the envelope and one code (408, a long poll with nothing new). The other codes
follow HTTP's meanings and the descriptions are ours: the real wording is not published.
"""

from __future__ import annotations

from serverkit.errors import ApiError


def bad_request(reason: str) -> ApiError:
    return ApiError(400, f"Bad Request: {reason}")


def forbidden(reason: str) -> ApiError:
    return ApiError(403, f"Forbidden: {reason}")


UNAUTHORIZED = ApiError(401, "Unauthorized")
METHOD_NOT_FOUND = ApiError(404, "Not Found")
NOT_POST = ApiError(405, "Method Not Allowed: every method is called with POST")
NO_UPDATE = ApiError(408, "Request Timeout")
TOO_MANY_REQUESTS = ApiError(429, "Too Many Requests")
INTERNAL_ERROR = ApiError(500, "Internal Server Error")
CHAT_NOT_FOUND = bad_request("chat not found")
