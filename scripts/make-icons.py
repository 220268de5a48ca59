#!/usr/bin/env python3
"""Draws the app icons (a white signpost on the brand green) as PNG, with no dependencies.

    python3 scripts/make-icons.py    # writes public/icons/icon-{192,512}.png and maskable-512.png

The maskable icon keeps the signpost inside the central 60% so every launcher mask shows it.
"""
import struct, zlib, pathlib

GREEN = (0x0B, 0x5C, 0x4B)
WHITE = (0xFF, 0xFF, 0xFF)


def inside_signpost(x, y):
    """The signpost in unit coordinates (0..1): a pole and two arrow-shaped boards."""
    if 0.46 <= x <= 0.54 and 0.12 <= y <= 0.9:  # pole
        return True
    if 0.2 <= y <= 0.36 and 0.3 <= x <= 0.74 + (0.08 - abs(y - 0.28)):  # board pointing right
        return True
    if 0.44 <= y <= 0.6 and 0.26 - (0.08 - abs(y - 0.52)) <= x <= 0.7:  # board pointing left
        return True
    return False


def draw(size, scale):
    """Rows of RGB pixels; `scale` shrinks the signpost around the centre (maskable safe zone)."""
    rows = []
    for py in range(size):
        row = bytearray([0])  # PNG filter type 0
        for px in range(size):
            # 4x4 supersampling for smooth edges.
            hits = 0
            for sy in range(4):
                for sx in range(4):
                    u = ((px + (sx + 0.5) / 4) / size - 0.5) / scale + 0.5
                    v = ((py + (sy + 0.5) / 4) / size - 0.5) / scale + 0.5
                    hits += inside_signpost(u, v)
            a = hits / 16
            row += bytes(round(g * (1 - a) + w * a) for g, w in zip(GREEN, WHITE))
        rows.append(bytes(row))
    return b"".join(rows)


def png(size, pixels):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(pixels, 9)) + chunk(b"IEND", b"")


out = pathlib.Path(__file__).resolve().parent.parent / "public" / "icons"
out.mkdir(parents=True, exist_ok=True)
for name, size, scale in [("icon-192.png", 192, 0.9), ("icon-512.png", 512, 0.9), ("maskable-512.png", 512, 0.6)]:
    (out / name).write_bytes(png(size, draw(size, scale)))
    print("wrote", out / name)
