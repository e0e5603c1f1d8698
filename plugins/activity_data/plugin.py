"""Signal handlers of the activity_data plugin."""

from pelican import signals

from . import figures


def compute_key_figures(generators):
    """After all generators have read their content, so that partners are known too."""
    context = generators[0].context
    settings = generators[0].settings
    context["key_figures"] = figures.compute(
        context.get("articles", []),
        list(settings["ARTICLE_KINDS"]),
        list(settings["ITEM_UNITS"]),
        context.get("partners", []),
    )


def register():
    signals.all_generators_finalized.connect(compute_key_figures)
