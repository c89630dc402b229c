"""Each test makes its own app, and most of create_app's time (20 ms of 21) went on werkzeug compiling,
for each of the app's ~90 URL rules, the same two URL-builder functions as for the previous app.

A builder is a function of the rule alone (its text, its parsed parts, its defaults): werkzeug binds it
to the rule it builds for. The tests keep the ones compiled once and bind them to each new app's rules.
"""

from collections.abc import Callable

from werkzeug.routing import Rule

_compile_builder = Rule._compile_builder
_compiled: dict[tuple, Callable] = {}


def _cached_compile_builder(rule: Rule, append_unknown: bool = True) -> Callable:
    defaults = rule.defaults or {}
    try:
        key = (rule.rule, tuple(rule._trace), tuple(sorted(defaults.items())), append_unknown)
        hash(key)
    except TypeError:  # a default that can't be a key: compiled as werkzeug does
        return _compile_builder(rule, append_unknown)
    if key not in _compiled:
        _compiled[key] = _compile_builder(rule, append_unknown)
    return _compiled[key]


def keep_compiled_url_builders() -> None:
    Rule._compile_builder = _cached_compile_builder  # type: ignore[method-assign,assignment]
