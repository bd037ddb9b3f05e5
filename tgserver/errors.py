"""Bot API failures as one exception type, so any layer can refuse a request in Telegram's exact shape."""

from __future__ import annotations

from typing import Any

from serverkit import errors


class ApiError(errors.ApiError):
    """A request Telegram would refuse: becomes `{"ok": false, "error_code", "description", "parameters"?}`."""

    def __init__(self, code: int, description: str, parameters: dict[str, Any] | None = None) -> None:
        super().__init__(code, description)
        self.parameters = parameters

    def body(self) -> dict[str, Any]:
        body = super().body()
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(reason: str, **parameters: Any) -> ApiError:
    return ApiError(400, f"Bad Request: {reason}", parameters or None)


def forbidden(reason: str) -> ApiError:
    return ApiError(403, f"Forbidden: {reason}")


def too_many_requests(retry_after: int) -> ApiError:
    return ApiError(429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after})


def internal_error() -> ApiError:
    return ApiError(500, "Internal Server Error")
