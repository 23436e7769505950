"""Checks of the shop's own for schemathesis: every refusal (4xx) is an RFC 9457 problem+json document."""
import schemathesis


@schemathesis.check
def refusals_are_problem_json(ctx, response, case):
    if 400 <= response.status_code < 500:
        content_type = response.headers.get("content-type", [""])[0]
        if not content_type.startswith("application/problem+json"):
            raise AssertionError(f"{response.status_code} answered with {content_type or 'no Content-Type'}, "
                                 f"not application/problem+json")
