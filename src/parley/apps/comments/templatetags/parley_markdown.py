from django import template
from django.utils.safestring import mark_safe

from parley.apps.comments import markdown as md

register = template.Library()


@register.filter
def markdown(value: str) -> str:
    return mark_safe(md.render(value or ""))  # noqa: S308 - the renderer's output is sanitised by nh3
