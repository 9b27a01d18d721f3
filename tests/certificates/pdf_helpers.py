"""Certificate material for the PDF engine's tests and its benchmark, and readers of its output.

The images are drawn with Pillow: a decorated background (JPEG, A4 at 200 dpi: paper
gradient, double frame, ornaments, a guilloche-like rosette and a little noise, so it
compresses like a real designed background), a red seal and a blue signature with
transparency (PNG). The readers parse a stamped page back with pypdf only.
"""

import datetime
import io
import math
import random
import re
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from PIL import Image, ImageDraw, ImageFilter
from pypdf import PdfReader
from pypdf.generic import ContentStream

from certificates.pdf import CertificateFace, TemplateDesign


def background_jpeg(width: int = 2339, height: int = 1654, seed: int = 7) -> bytes:
    rng = random.Random(seed)
    image = Image.new("RGB", (width, height), (252, 248, 236))
    draw = ImageDraw.Draw(image)
    for y in range(height):  # warm paper gradient
        shade = int(6 * math.sin(y / height * math.pi))
        draw.line([(0, y), (width, y)], fill=(252 - shade, 247 - shade, 232 - 2 * shade))
    margin = width // 28
    for inset, colour, thickness in ((0, (166, 124, 40), 18), (34, (163, 18, 26), 6)):
        box = [margin + inset, margin + inset, width - margin - inset, height - margin - inset]
        draw.rectangle(box, outline=colour, width=thickness)
    for step in range(0, width, 46):  # a band of ornaments along the frame
        for y in (margin // 2, height - margin // 2):
            draw.ellipse([step, y - 10, step + 20, y + 10], outline=(190, 150, 60), width=3)
    for corner_x, corner_y in (
        (margin, margin),
        (width - margin, margin),
        (margin, height - margin),
        (width - margin, height - margin),
    ):
        for radius in range(20, 140, 12):
            draw.arc(
                [corner_x - radius, corner_y - radius, corner_x + radius, corner_y + radius],
                0,
                360,
                fill=(200, 160, 70),
                width=2,
            )
    centre = (width // 2, height // 2)
    for radius in range(60, 520, 9):  # faint watermark rosette
        draw.ellipse(
            [centre[0] - radius, centre[1] - radius, centre[0] + radius, centre[1] + radius],
            outline=(246, 236, 214),
            width=2,
        )
    noise = Image.effect_noise((width, height), 6).convert("RGB")
    image = Image.blend(image, noise, 0.035)
    for _ in range(30):
        x, y = rng.randrange(width), rng.randrange(height)
        draw = ImageDraw.Draw(image)
        draw.ellipse([x, y, x + 3, y + 3], fill=(230, 220, 200))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=88)
    return buffer.getvalue()


def seal_png(size: int = 600) -> bytes:
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    red = (205, 28, 36, 215)
    for inset, width in ((8, 14), (40, 6), (150, 5)):
        draw.ellipse([inset, inset, size - inset, size - inset], outline=red, width=width)
    centre = size // 2
    for angle in range(0, 360, 12):  # letters of the ring, as marks
        rad = math.radians(angle)
        x, y = centre + 205 * math.cos(rad), centre + 205 * math.sin(rad)
        draw.rectangle([x - 9, y - 14, x + 9, y + 14], fill=red)
    draw.regular_polygon((centre, centre, 95), 5, fill=red)
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def signature_png(width: int = 600, height: int = 260) -> bytes:
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    points = [
        (40 + t * 5.2, height / 2 + 70 * math.sin(t / 7) * math.cos(t / 23) + 20 * math.sin(t))
        for t in range(100)
    ]
    draw.line(points, fill=(20, 40, 150, 255), width=7, joint="curve")
    draw.line([(90, 190), (520, 150)], fill=(20, 40, 150, 255), width=5)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def realistic_design(**changes) -> TemplateDesign:
    values = {
        "title": "GIẤY CHỨNG NHẬN",
        "signer_title": "TM. BAN THƯỜNG VỤ\nBÍ THƯ",
        "signer_name": "Trần Thị Thu Hà",
        "page_size": "A4",
        "orientation": "landscape",
        "background_image": background_jpeg(),
        "seal_image": seal_png(),
        "signature_image": signature_png(),
    }
    values.update(changes)
    return TemplateDesign(**values)


def face(number: int = 125, **changes) -> CertificateFace:
    code = f"K7QF-2MZP-X9RT-{number:04d}"
    values = {
        "organisation": "ĐOÀN TNCS HỒ CHÍ MINH",
        "issuing_unit": "BCH TỈNH ĐOÀN LÂM ĐỒNG",
        "serial": f"Số: {number}/GCN-TĐ",
        "holder_name": "Nguyễn Thị Ánh Tuyết",
        "body": (
            "Sinh ngày 12/03/1998, Bí thư Đoàn xã Đạ Tông, huyện Đam Rông\n"
            "Đã hoàn thành khóa tập huấn “Kỹ năng tổ chức hoạt động tình nguyện của thanh "
            "niên” do Ban Thường vụ Tỉnh đoàn Lâm Đồng tổ chức từ ngày 10/11/2026 đến ngày "
            "20/11/2026.\nXếp loại: Giỏi."
        ),
        "place_date": "Lâm Đồng, ngày 23 tháng 11 năm 2026",
        "valid_until": "Có giá trị đến ngày 23/11/2029",
        "code": code,
        "verify_url": f"https://suctre.vn/verify/{code.replace('-', '')}/",
    }
    values.update(changes)
    return CertificateFace(**values)


@dataclass(frozen=True)
class Run:
    """One line of variable text as drawn: font resource, size, position, text, width."""

    font: str
    size: float
    x: float
    y: float
    text: str
    width: float


def _decoder(font) -> tuple[dict[int, str], list[int]]:
    cmap = font["/ToUnicode"].get_data().decode("ascii")
    chars = {
        int(gid, 16): chr(int(code, 16))
        for gid, code in re.findall(r"<([0-9A-F]{4})> <([0-9A-F]{4})>", cmap)
    }
    widths = [int(w) for w in font["/DescendantFonts"][0]["/W"][1]]
    return chars, widths


def variable_stream(pdf: bytes, page: int = 0):
    """pypdf's reading of a page's last content stream (the stamped one) and the page."""
    reader = PdfReader(io.BytesIO(pdf), strict=True)
    page_object = reader.pages[page]
    stream = page_object["/Contents"][-1].get_object()
    return ContentStream(stream, reader).operations, page_object


def variable_runs(pdf: bytes, page: int = 0) -> list[Run]:
    operations, page_object = variable_stream(pdf, page)
    fonts = page_object["/Resources"]["/Font"]
    decoders, runs = {}, []
    font = size = None
    x = y = 0.0
    for operands, operator in operations:
        if operator == b"Tf":
            font, size = str(operands[0]), float(operands[1])
            if font not in decoders:
                decoders[font] = _decoder(fonts[font])
        elif operator == b"Tm":
            x, y = float(operands[4]), float(operands[5])
        elif operator == b"Tj":
            chars, widths = decoders[font]
            string = operands[0]
            data = string.get_original_bytes() if hasattr(string, "get_original_bytes") else string
            # pypdf reads 2-byte strings as UTF-16 and gives them back with a byte order mark.
            data = data.removeprefix(b"\xfe\xff")
            gids = [int.from_bytes(data[i : i + 2], "big") for i in range(0, len(data), 2)]
            runs.append(
                Run(
                    font=font,
                    size=size,
                    x=x,
                    y=y,
                    text="".join(chars.get(gid, "\ufffd") for gid in gids),
                    width=sum(widths[gid] for gid in gids) * size / 1000,
                )
            )
    return runs


def qr_rectangles(pdf: bytes, page: int = 0) -> list[tuple[float, float, float, float]]:
    """The dark rectangles of the QR code (those filled after the switch to black)."""
    operations, _ = variable_stream(pdf, page)
    rectangles, dark = [], False
    for operands, operator in operations:
        if operator == b"rg":
            dark = [float(v) for v in operands] == [0, 0, 0]
        elif operator == b"re" and dark:
            rectangles.append(tuple(float(v) for v in operands))
    return rectangles


def modules_from_rectangles(rectangles) -> list[list[int]]:
    """The module matrix the rectangles draw (module size = the rectangles' height)."""
    module = min(height for _, _, _, height in rectangles)
    left = min(x for x, _, _, _ in rectangles)
    top = max(y + height for _, y, _, height in rectangles)
    size = round((max(x + width for x, _, width, _ in rectangles) - left) / module)
    matrix = [[0] * size for _ in range(size)]
    for x, y, width, height in rectangles:
        row = round((top - y - height) / module)
        first = round((x - left) / module)
        for column in range(first, first + round(width / module)):
            matrix[row][column] = 1
    return matrix


def key_and_certificate(common_name: str, passphrase: bytes | None = None) -> tuple[bytes, bytes]:
    """A throwaway RSA key and a self-signed certificate for it, both PEM."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Tỉnh đoàn Lâm Đồng"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    encryption = (
        serialization.BestAvailableEncryption(passphrase)
        if passphrase
        else serialization.NoEncryption()
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption
    )
    return key_pem, certificate.public_bytes(serialization.Encoding.PEM)
