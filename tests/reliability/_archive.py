"""Small generated Vietnamese documents for the crash, concurrency and load tests."""

from __future__ import annotations

import random
from pathlib import Path

ISSUERS = ["Tỉnh ủy Ninh Bình", "Ủy ban nhân dân tỉnh Thanh Hóa", "Huyện ủy Kim Sơn"]
SENTENCES = [
    "Các cấp ủy, chính quyền tiếp tục thực hiện nghiêm phương châm bốn tại chỗ.",
    "Ban Chỉ đạo phòng, chống dịch Covid-19 tỉnh theo dõi sát diễn biến dịch bệnh.",
    "Sở Y tế chủ trì, phối hợp với các đơn vị liên quan triển khai tiêm vắc xin.",
    "Ủy ban Mặt trận Tổ quốc tỉnh vận động nhân dân ủng hộ công tác an sinh xã hội.",
    "Các huyện ủy, thành ủy báo cáo kết quả thực hiện về Văn phòng Tỉnh ủy trước ngày 30.",
    "Tăng cường kiểm tra, giám sát việc chấp hành quy định tại các khu công nghiệp.",
]


def document(n: int, marker: str = "", rng: random.Random | None = None) -> str:
    """A short công văn; ``marker`` (one word) appears in its title and in its body."""
    rng = rng or random.Random(n)
    body = " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(4, 10)))
    return (
        f"{rng.choice(ISSUERS).upper()}\nSố {n}-CV/TU\n"
        f"Ninh Bình, ngày {1 + n % 28} tháng {1 + n % 12} năm {2015 + n % 10}\n"
        f"V/v triển khai nhiệm vụ {marker} số {n}\n"
        f"{body}\nNội dung {marker} được thực hiện nghiêm túc.\n"
        "TM. BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\nNguyễn Văn An\n"
    )


def write_archive(root: Path, count: int, start: int = 0, marker: str = "") -> list[Path]:
    root.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(start, start + count):
        path = root / f"{n // 100:02d}" / f"vb{n:05d}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(document(n, marker))
        paths.append(path)
    return paths
