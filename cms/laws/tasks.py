"""Background work of the laws: linking glossary terms again in every provision
after an editor adds, renames or removes a term (thousands of provisions: too
slow for the editor's request)."""

from django.tasks import task


@task()
def laws_rerender_all() -> int:
    from .services import all_rerender

    return all_rerender()
