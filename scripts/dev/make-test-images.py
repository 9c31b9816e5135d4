#!/usr/bin/python3
"""Writes the image fixtures that Java's own Image I/O cannot write, for msde4j's decoder tests.

  scripts/dev/make-test-images.py OUT_DIR

cmyk.jpg: 16x16 CMYK JPEG (Adobe APP14 marker, as Photoshop writes them), left half pure red ink
(C=0, M=255, Y=255, K=0), right half black ink only (K=255). Needs Debian's python3-pil
(installed with apt-get when missing).
"""
import os
import sys

from debian_python import require

Image = require("PIL.Image", "python3-pil")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    image = Image.new("CMYK", (16, 16))
    for y in range(16):
        for x in range(16):
            image.putpixel((x, y), (0, 255, 255, 0) if x < 8 else (0, 0, 0, 255))
    image.save(os.path.join(out, "cmyk.jpg"), quality=95)
    print("wrote", os.path.join(out, "cmyk.jpg"))


if __name__ == "__main__":
    main()
