"""What one phone photo costs the build (plugins/photos): encoding time without and with the cache, and bytes.

Makes a synthetic 12-megapixel photo (4032 × 3024, like a phone's: gradients, shapes, fine noise, JPEG quality
90), then publishes it the way the build does (`PhotoGenerator._publish` with the settings of pelicanconf.py)
into a temporary folder: cold (empty cache: decode, orient, shrink, encode every file) and warm (every file from
the cache). Prints the times (median of --repeat runs), where a cold run's time goes, and the bytes of the
original and of each file per width and format.

    .venv/bin/python bench/photos.py [--repeat 3]

One photo's files are encoded one after the other, as in the build; a build encodes several photos at once
(PHOTO_WORKERS threads, default one per core), so a build with many new photos takes about
(cold time × photos ÷ cores).
"""

import argparse
import os
import platform
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "plugins"), str(ROOT)]

from pelican.settings import read_settings  # noqa: E402
from PIL import Image, ImageChops, ImageDraw, ImageFilter, features  # noqa: E402

from photos import encoding, plugin  # noqa: E402
from photos.cache import EncodedFiles  # noqa: E402
from photos.generator import PhotoGenerator, outputs  # noqa: E402

SIZE = (4032, 3024)


def synthetic_photo(path, seed=12):
    """Photo-like pixels: gradients, many soft-edged shapes, and texture at several scales (as grass, walls and
    sensor noise give a photo; it is what costs bytes, at every width). Tuned so that the JPEG has about the bytes
    of a phone's 12-megapixel photo (3 MB) and its 1200 px JPEG about those of a real photo's (200 kB)."""
    rng = random.Random(seed)
    width, height = SIZE
    vertical = Image.linear_gradient("L").resize(SIZE)
    radial = Image.radial_gradient("L").resize(SIZE)
    image = Image.merge("RGB", (vertical, radial, vertical.transpose(Image.Transpose.FLIP_TOP_BOTTOM)))
    draw = ImageDraw.Draw(image)
    for _ in range(400):
        x, y = rng.randrange(width), rng.randrange(height)
        size = rng.randrange(10, 500)
        colour = tuple(rng.randrange(256) for _ in range(3))
        shape = draw.ellipse if rng.random() < 0.5 else draw.rectangle
        shape((x, y, x + size, y + size * rng.uniform(0.3, 1.5)), fill=colour)
    image = image.filter(ImageFilter.GaussianBlur(2))
    for scale, strength in ((64, 20), (16, 12), (4, 6), (1, 4)):
        layer = Image.effect_noise((width // scale, height // scale), strength)
        layer = layer.resize(SIZE, Image.Resampling.BICUBIC).convert("RGB")
        image = ImageChops.add(image, layer, offset=-128)
    image.save(path, "JPEG", quality=90)
    return path


def publisher(settings, output):
    """The build's photo generator, without the parts of a Pelican generator it does not use."""
    generator = PhotoGenerator.__new__(PhotoGenerator)
    generator.settings = settings
    generator.output_path = str(output)
    return generator


def timed(function):
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def timed_with_cpu(function):
    """(wall seconds, CPU seconds of this process, result): CPU time drifts less on a shared machine."""
    cpu = time.process_time()
    seconds, result = timed(function)
    return seconds, time.process_time() - cpu, result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    settings = read_settings(str(ROOT / "pelicanconf.py"))
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        content = scratch / "content"
        content.mkdir()
        original = synthetic_photo(content / "foto.jpg")
        original_bytes = original.stat().st_size
        settings = dict(settings, PATH=str(content))
        photo = plugin._photo(str(original), settings)
        files = outputs(photo, "foto.jpg", settings)

        cold, cold_cpu, warm = [], [], []
        for run in range(args.repeat):
            cache = scratch / f"cache-{run}"
            output = scratch / f"output-{run}"
            generator = publisher(settings, output)
            seconds, cpu, problem = timed_with_cpu(
                lambda: generator._publish(str(original), "foto.jpg", photo, EncodedFiles(str(cache)))  # noqa: B023
            )
            assert problem is None, problem
            cold.append(seconds)
            cold_cpu.append(cpu)
            shutil.rmtree(output)
            seconds, _ = timed(lambda: generator._publish(str(original), "foto.jpg", photo,  # noqa: B023
                                                          EncodedFiles(str(cache))))
            warm.append(seconds)

        # Where a cold run's time goes: each step alone, in the order the build does them.
        decode, image = timed(lambda: encoding.open_upright(str(original)))
        steps = [("decode, orient, sRGB", decode)]
        sizes = {}
        current = image
        for item in files:
            resize = 0.0
            if current.size != (item.width, item.height):
                resize, current = timed(lambda: encoding.resized(current, item.width, item.height))  # noqa: B023
            seconds, data = timed(lambda: item.encode(current))  # noqa: B023
            label = "original" if item.original else f"{item.width}w"
            if resize:
                steps.append((f"shrink to {item.width} × {item.height}", resize))
            steps.append((f"encode {label} {item.format}", seconds))
            sizes[(label, item.format)] = len(data)

    print(f"Python {platform.python_version()}, Pillow {Image.__version__} (libavif {features.version('avif')}, "
          f"libwebp {features.version('webp')}, libjpeg {features.version('jpg')}), {os.cpu_count()} CPU(s): "
          f"{cpu_name()}")
    print(f"Original: {SIZE[0]} × {SIZE[1]} JPEG, {original_bytes:,} bytes; {len(files)} files published "
          f"(widths {', '.join(str(w) for w in sorted({f.width for f in files[1:]}))}; "
          f"AVIF, WebP, JPEG; quality {settings['PHOTO_QUALITY']})")
    print(f"Cold (no cache), one photo: median {statistics.median(cold):.2f} s, "
          f"CPU {statistics.median(cold_cpu):.2f} s (runs: {', '.join(f'{s:.2f}' for s in cold)})")
    print(f"Warm (all from cache):      median {statistics.median(warm) * 1000:.0f} ms (runs: "
          f"{', '.join(f'{s * 1000:.0f}' for s in warm)})")
    print("\nCold run, step by step (one thread):")
    for label, seconds in steps:
        print(f"  {label:<28} {seconds:6.2f} s")
    print(f"  {'total':<28} {sum(seconds for _, seconds in steps):6.2f} s")
    for image_format in ("AVIF", "WEBP", "JPEG"):
        share = sum(seconds for label, seconds in steps if label.startswith("encode") and label.endswith(image_format))
        print(f"  {'  of which ' + image_format:<28} {share:6.2f} s")
    print("\nBytes per file:")
    formats = ["AVIF", "WEBP", "JPEG"]
    print(f"  {'':<10}" + "".join(f"{name:>12}" for name in formats))
    for label in ["original"] + [f"{w}w" for w in sorted({f.width for f in files[1:]})]:
        row = [sizes.get((label, name)) for name in formats]
        print(f"  {label:<10}" + "".join(f"{value:>12,}" if value else f"{'–':>12}" for value in row))
    print(f"  (the editor's original: {original_bytes:,} bytes)")


def cpu_name():
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


if __name__ == "__main__":
    main()
