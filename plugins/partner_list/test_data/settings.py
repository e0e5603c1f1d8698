"""Settings of the plugin's sample site. Tests copy this and set PATH, OUTPUT_PATH and PLUGINS."""

SITENAME = "Sample partnership"
SITEURL = ""
TIMEZONE = "UTC"
LOCALE = ("C.UTF-8", "C")
DEFAULT_LANG = "en"
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
STATIC_PATHS = ["partners"]
PARTNER_GROUPS = {"north": "Northern side", "south": "Southern side"}
PARTNER_KINDS = {"city": "Cities", "company": "Companies", "charity": "Charities"}
PARTNER_ACTIVITY_GROUPS = ["visits", "deliveries"]
