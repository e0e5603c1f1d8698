"""Signal handlers of the activity_data plugin: figures, chronicle and delivery log, open data."""

from itertools import groupby

from pelican import signals

from . import figures, open_data


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


def compute_figures_by_year(generators):
    """The key figures of each year, oldest first: what the charts draw (plugins/charts). Same counting rules as
    the totals (figures.compute), applied to one year's articles at a time."""
    context = generators[0].context
    settings = generators[0].settings
    articles = sorted(context.get("articles", []), key=lambda article: article.date)
    context["figures_by_year"] = [
        (year, figures.compute(list(group), list(settings["ARTICLE_KINDS"]), list(settings["ITEM_UNITS"])))
        for year, group in groupby(articles, key=lambda article: article.date.year)
    ]


def collect_chronicle_and_deliveries(generators):
    """Every activity by year, newest first (the Chronik), and every delivery (the delivery log)."""
    context = generators[0].context
    articles = sorted(context.get("articles", []), key=lambda article: (article.date, article.slug), reverse=True)
    context["chronicle"] = [(year, list(group)) for year, group in groupby(articles, key=lambda a: a.date.year)]
    context["deliveries"] = [article for article in articles if getattr(article, "kind", None) == "lieferung"]


def write_open_data(generators):
    """Once, by the original language's build: the files hold every language's titles and URLs."""
    settings = generators[0].settings
    if not settings.get("WRITE_OPEN_DATA", True) or not settings.get("OPEN_DATA_FOLDER"):
        return
    articles = generators[0].context.get("articles", [])
    languages = settings.get("SITE_LANGUAGES") or [settings["DEFAULT_LANG"]]
    original = settings.get("ORIGINAL_LANG", settings["DEFAULT_LANG"])
    open_data.write(settings["OUTPUT_PATH"], settings["OPEN_DATA_FOLDER"], open_data.records(articles, settings),
                    languages, original)


def register():
    signals.all_generators_finalized.connect(compute_key_figures)
    signals.all_generators_finalized.connect(compute_figures_by_year)
    signals.all_generators_finalized.connect(collect_chronicle_and_deliveries)
    signals.all_generators_finalized.connect(write_open_data)
