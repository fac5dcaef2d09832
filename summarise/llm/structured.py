"""instructor's create, with the work that is the same on every request done once.

instructor's patched `create` does, per request, before its retry loop: walk the response model
for async validators (seven times in all), wrap the model in a new pydantic class (whose new
identity then misses instructor's schema cache), build the tool or JSON instructions from the
schema, and render every message as a Jinja template in a new sandboxed environment, compiling
each one again. At hundreds of requests a second of fan-out that was most of the client's CPU.

`Structured.create_with_completion` takes the same arguments and does the same steps with
instructor's own parts (the prepared model, the mode's request handler and message converter),
except that the model is prepared once (`prepared`) and each message template is compiled once,
in the same kind of environment, and rendered per request with the request's context. Then it
hands over to instructor's own retry loop: send, parse, validate against `context`, and the
re-ask with the validation error, exactly as before. The request bytes are unchanged: the
cassette tests bind them. Messages that are not plain strings go through instructor's own
templating.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable
from textwrap import dedent
from typing import Any, TypeVar, cast

import instructor
from instructor.v2.core import templating as instructor_templating
from instructor.v2.core.messages import isolate_retry_kwargs
from instructor.v2.core.providers import Provider
from instructor.v2.core.registry import mode_registry
from instructor.v2.core.response_model import prepare_response_model
from instructor.v2.core.retry import retry_sync_v2
from jinja2 import Template
from jinja2.sandbox import SandboxedEnvironment
from pydantic import BaseModel
from tenacity import Retrying

M = TypeVar("M", bound=BaseModel)

# instructor's own templating, for messages that are not plain strings (its module is untyped).
_handle_templating: Callable[..., dict[str, Any]]
_handle_templating = instructor_templating.handle_templating  # type: ignore[attr-defined]

_PREPARED: dict[type[BaseModel], type[BaseModel]] = {}
_LOCK = threading.Lock()


def prepared(response_model: type[M]) -> type[M]:
    """instructor's own preparation of `response_model`, made once and then reused.

    Given a plain model, instructor makes a new subclass on every request, and each new class
    misses its per-class schema cache. Given the class it prepared earlier, it leaves it as it
    is, so the request and the parsing are those of the plain model.
    """
    with _LOCK:
        if response_model not in _PREPARED:
            made = prepare_response_model(response_model)
            assert made is not None
            _PREPARED[response_model] = made
        return cast(type[M], _PREPARED[response_model])


class Templates:
    """Message texts compiled once in a sandboxed environment, as instructor compiles them."""

    KEEP = 64

    def __init__(self) -> None:
        self._env = SandboxedEnvironment()
        self._compiled: dict[str, Template] = {}
        self._lock = threading.Lock()

    def render(self, text: str, context: dict[str, Any]) -> str:
        """What instructor's `apply_template` gives: the rendered text, dedented."""
        template = self._compiled.get(text)
        if template is None:
            template = self._env.from_string(text)
            with self._lock:  # a few fixed templates; messages made per request are not kept
                if len(self._compiled) < self.KEEP:
                    template = self._compiled.setdefault(text, template)
        return dedent(template.render(**context))

    def messages(
        self, kwargs: dict[str, Any], context: dict[str, Any] | None, mode: instructor.Mode
    ) -> dict[str, Any]:
        """`kwargs` with every message rendered against `context` (a new dict, new messages)."""
        messages = kwargs.get("messages")
        if not context or not messages:
            return kwargs
        plain = all(isinstance(m, dict) and isinstance(m.get("content"), str) for m in messages)
        if not plain:
            return _handle_templating(kwargs, mode=mode, context=context)
        rendered = [{**m, "content": self.render(m["content"], context)} for m in messages]
        return {**kwargs, "messages": rendered}


class Structured:
    """`create_with_completion` of instructor for one raw create function and one mode."""

    def __init__(
        self, create: Callable[..., Any], mode: instructor.Mode, hooks: Any = None
    ) -> None:
        self.create = create
        self.mode = mode
        self.hooks = hooks
        self.provider = Provider.OPENAI
        self.handlers = mode_registry.get_handlers(self.provider, mode)
        self.templates = Templates()
        self._requests: dict[tuple[Any, ...], tuple[Any, dict[str, Any], list[Any]]] = {}
        self._lock = threading.Lock()

    def _handle(self, model: type[BaseModel], messages: list[Any]) -> tuple[Any, dict[str, Any]]:
        """The mode's request handler and message converter on the (unrendered) messages."""
        handled, request = self.handlers.request_handler(
            response_model=model, kwargs={"messages": messages}
        )
        if self.handlers.message_converter and "messages" in request:
            request["messages"] = self.handlers.message_converter(
                request["messages"], autodetect_images=False
            )
        return handled, request

    def request(
        self, response_model: type[BaseModel], messages: list[Any], kwargs: dict[str, Any]
    ) -> tuple[Any, dict[str, Any]]:
        """The prepared model and the request before templating, as instructor builds them.

        What the handler adds (tools and tool_choice, or response_format and the schema in the
        system message) depends only on the model and the messages, so for the same templates
        it is made once; the rest of `kwargs` passes through as instructor passes it.
        """
        plain = all(isinstance(m, dict) and set(m) == {"role", "content"} for m in messages)
        if not plain:
            model, request = self._handle(prepared(response_model), messages)
            return model, {**kwargs, **request}
        key = (response_model, tuple((m["role"], m["content"]) for m in messages))
        made = self._requests.get(key)
        if made is None:
            model, request = self._handle(prepared(response_model), messages)
            handled = request.pop("messages")
            made = (model, request, handled)
            with self._lock:  # as with templates: a few fixed message lists are kept
                if len(self._requests) < Templates.KEEP:
                    made = self._requests.setdefault(key, made)
        model, extra, handled = made
        extra = {k: copy.copy(v) for k, v in extra.items()}
        return model, {**kwargs, **extra, "messages": [dict(m) for m in handled]}

    def warm(
        self, response_model: type[BaseModel], messages: list[Any], context: dict[str, Any]
    ) -> None:
        """Make the per-model request and compile the templates now (before a fork, so that
        forked workers share them instead of each making its own)."""
        _, request = self.request(response_model, messages, {})
        self.templates.messages(request, context, self.mode)

    def create_with_completion(
        self,
        *,
        messages: list[dict[str, Any]],
        response_model: type[M],
        max_retries: int | Retrying,
        context: dict[str, Any] | None = None,
        strict: bool = True,
        **kwargs: Any,
    ) -> tuple[M, Any]:
        """The validated model and the completion it came from, as instructor returns them."""
        # `strict` is instructor's own argument (its create never passes it to the handler)
        model, request = self.request(response_model, messages, kwargs)
        request = self.templates.messages(request, context, self.mode)
        result: Any = retry_sync_v2(
            func=self.create,
            response_model=model,
            provider=self.provider,
            mode=self.mode,
            context=context,
            max_retries=max_retries,
            args=(),
            kwargs=isolate_retry_kwargs(request),
            strict=strict,
            hooks=self.hooks,
        )
        return cast(M, result), result._raw_response
