"""The HTML of a responsive photo: <picture> with one <source> per modern format and an <img> fallback.

The browser takes the first <source> whose type it knows and, from its srcset, the smallest file that fills the
width `sizes` says the photo will have on screen; browsers that know neither format use the <img>'s srcset in
JPEG or PNG. width/height give the photo's aspect ratio before it arrives, so the text does not jump; lazy
loading fetches photos only when they come near the screen.
"""

from html import escape

# Attributes of the editor's <img> that carry over (Markdown's attr_list can set them); src, width and height
# are the picture's own.
KEPT_ATTRIBUTES = ("alt", "title", "id", "class")


def srcset(renditions, url):
    return ", ".join(f"{url(rendition.path)} {rendition.width}w" for rendition in renditions)


def picture(photo, attributes, url, sizes):
    """`attributes`: the editor's <img> attributes (unescaped); `url`: a rendition's path → its URL."""
    sizes = escape(sizes)
    parts = ["<picture>"]
    for mime_type, renditions in photo.sources:
        parts.append(f'<source type="{mime_type}" srcset="{escape(srcset(renditions, url))}" sizes="{sizes}">')
    largest = photo.fallback[-1]
    kept = "".join(f' {name}="{escape(attributes[name])}"' for name in KEPT_ATTRIBUTES if name in attributes)
    parts.append(
        f'<img src="{escape(url(largest.path))}" srcset="{escape(srcset(photo.fallback, url))}" sizes="{sizes}"'
        f'{kept} width="{largest.width}" height="{largest.height}" loading="lazy" decoding="async">'
    )
    parts.append("</picture>")
    return "".join(parts)
