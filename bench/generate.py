"""Generate a synthetic archive of administrative documents from real Vietnamese sentences.

Sentences come from the Vietnamese Wikipedia sample (``viwiki/viwiki.jsonl.xz``, streamed);
headers, numbers, dates, issuers, types, citations and signatures are generated in the
shape of the sample documents in ``corpus/``. The output is deterministic for a given
``(n, seed)``.

Layout written::

    OUT/gen/<year>/<nnnnnn>.txt     one document per file (document id gen/<year>/<nnnnnn>)
    OUT.meta.jsonl                  beside OUT, not inside it: a stats line, then one line
                                    of generated metadata per document (for the benches)

Usage: ``python bench/generate.py OUT --docs N [--seed S] [--data DIR]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import lzma
import random
import re
import shutil
import time
from dataclasses import asdict, dataclass
from pathlib import Path

GENERATOR_VERSION = 1
DEFAULT_DATA = (Path(__file__).resolve().parents[1] / ".." / "shared" / "data").resolve()
VIWIKI = Path("viwiki") / "viwiki.jsonl.xz"
VIWIKI_CHARS = 66_300_000  # size of the sample (data README), to spread the sentence draw
BODY_CHARS_MEAN = 3_600  # with the header and signature, about 4,000 characters a document
MIN_SENTENCES, MAX_SENTENCES = 15, 40
FIRST_DAY, LAST_DAY = dt.date(2015, 1, 1), dt.date(2025, 12, 31)

# (kind, header line, label, place, number style)
PROVINCES = [
    "Ninh Bình", "Thanh Hóa", "Nam Định", "Nghệ An", "Hà Tĩnh", "Quảng Ninh",
    "Thái Bình", "Bắc Ninh", "Đồng Tháp", "Lâm Đồng",
]  # fmt: skip
UBND_PROVINCES = ["Ninh Bình", "Thanh Hóa", "Quảng Nam", "Khánh Hòa", "Đắk Lắk", "Cần Thơ"]

TYPES_PARTY = {"Công văn": "CV", "Thông báo": "TB", "Kết luận": "KL", "Chỉ thị": "CT",
               "Kế hoạch": "KH"}  # fmt: skip
TYPES_UBND = {"Công văn": "UBND", "Thông báo": "TB", "Chỉ thị": "CT", "Công điện": "CĐ",
              "Kế hoạch": "KH"}  # fmt: skip
TYPES_VPCP = {"Công văn": "VPCP", "Thông báo": "TB"}
TYPES_TTG = {"Công điện": "CĐ", "Chỉ thị": "CT"}

VERBS = [
    "tăng cường công tác", "triển khai thực hiện", "đẩy mạnh", "tổ chức thực hiện",
    "chấn chỉnh, nâng cao hiệu quả", "tiếp tục thực hiện", "hướng dẫn", "lãnh đạo, chỉ đạo",
]  # fmt: skip
TOPICS = [
    "phòng, chống dịch Covid-19", "phòng, chống thiên tai, tìm kiếm cứu nạn",
    "cải cách hành chính", "chuyển đổi số", "xây dựng nông thôn mới",
    "phòng, chống tham nhũng, tiêu cực", "bảo vệ môi trường", "an toàn giao thông",
    "phòng cháy, chữa cháy rừng", "công tác dân vận", "thu hút đầu tư",
    "quản lý đất đai", "giảm nghèo bền vững", "công tác cán bộ",
    "đại hội đảng bộ các cấp", "tuyên truyền, giáo dục chính trị", "phát triển du lịch",
    "bảo đảm an ninh trật tự", "tiêm vắc xin phòng Covid-19", "sắp xếp đơn vị hành chính",
    "phòng, chống bệnh dịch tả lợn châu Phi", "chăm lo Tết Nguyên đán", "kiểm tra, giám sát",
    "phát triển kinh tế - xã hội", "học tập và làm theo tư tưởng, đạo đức Hồ Chí Minh",
]  # fmt: skip
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi", "Đặng", "Ngô", "Đinh"]
MIDDLE = ["Văn", "Thị", "Hồng", "Đức", "Minh", "Quốc", "Thanh", "Trọng", "Xuân", "Gia"]
GIVEN = ["Quảng", "Hưng", "Túc", "Chính", "Nghị", "Hải", "Lâm", "Thắng", "Tuấn", "Hòa",
         "Phương", "Dũng", "Sơn", "Long", "Bình", "Lan", "Thủy", "Khánh"]  # fmt: skip
RECIPIENTS = [
    "Các ban cán sự đảng, đảng đoàn,", "Các sở, ban, ngành, MTTQ và các tổ chức chính trị - "
    "xã hội cấp tỉnh,", "Các huyện ủy, thành ủy, đảng ủy trực thuộc,",
    "Ủy ban nhân dân các huyện, thị xã, thành phố,", "Các cơ quan chuyên trách tham mưu,",
]  # fmt: skip

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZĐÀ-ỸÂĂÊÔƠƯ0-9“\"])")


@dataclass(frozen=True)
class Issuer:
    kind: str  # party | ubnd | vpcp | ttg
    header: str  # first header line, in capitals
    label: str  # as people write it in running text
    place: str
    types: dict  # doc_type label -> code in the number
    signers: tuple[str, ...]


@dataclass
class ArchiveStats:
    docs: int
    characters: int
    bytes: int
    sentences: int  # size of the sentence pool drawn from
    seconds: float
    n: int
    seed: int
    version: int = GENERATOR_VERSION

    @property
    def mean_characters(self) -> float:
        return self.characters / self.docs if self.docs else 0.0


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def make_issuers(rng: random.Random) -> list[Issuer]:
    """About twenty issuers: provincial Party committees, provincial UBND, the Government."""

    def signers() -> tuple[str, ...]:
        return tuple(_name(rng) for _ in range(3))

    issuers = [
        Issuer("party", f"TỈNH ỦY {p.upper()}", f"Tỉnh ủy {p}", p, TYPES_PARTY, signers())
        for p in PROVINCES
    ]
    issuers += [
        Issuer("party", f"THÀNH ỦY {p.upper()}", f"Thành ủy {p}", p, TYPES_PARTY, signers())
        for p in ("Hà Nội", "Hải Phòng")
    ]
    for p in UBND_PROVINCES:
        level = "THÀNH PHỐ" if p == "Cần Thơ" else "TỈNH"
        label = f"UBND {level.lower()} {p}"
        header = f"ỦY BAN NHÂN DÂN {level} {p.upper()}"
        issuers.append(Issuer("ubnd", header, label, p, TYPES_UBND, signers()))
    issuers.append(
        Issuer("vpcp", "VĂN PHÒNG CHÍNH PHỦ", "Văn phòng Chính phủ", "Hà Nội", TYPES_VPCP,
               signers())
    )  # fmt: skip
    issuers.append(
        Issuer("ttg", "THỦ TƯỚNG CHÍNH PHỦ", "Thủ tướng Chính phủ", "Hà Nội", TYPES_TTG,
               signers())
    )  # fmt: skip
    return issuers


def format_number(issuer: Issuer, doc_type: str, serial: int, rng: random.Random) -> str:
    """Party style ``342-CV/TU``; State style ``45/CT-UBND``, ``1102/CĐ-TTg``, ``12/UBND-VX``."""
    code = issuer.types[doc_type]
    if issuer.kind == "party":
        return f"{serial}-{code}/TU"
    if issuer.kind == "ubnd":
        if doc_type == "Công văn":
            return f"{serial}/UBND-{rng.choice(['VX', 'KT', 'NC', 'TH'])}"
        return f"{serial}/{code}-UBND"
    if issuer.kind == "vpcp":
        if doc_type == "Công văn":
            return f"{serial}/VPCP-{rng.choice(['KGVX', 'NN', 'CN'])}"
        return f"{serial}/TB-VPCP"
    return f"{serial}/{code}-TTg"


def load_sentences(data_dir: Path, needed_chars: int) -> list[str]:
    """Real sentences from the Wikipedia sample, spread over the whole file.

    Articles are taken one in ``stride`` so a small draw does not come only from the
    alphabetically first articles; reading stops once ``needed_chars`` are collected.
    """
    stride = max(1, int(VIWIKI_CHARS / max(needed_chars, 1) / 1.3))
    sentences: list[str] = []
    total = 0
    with lzma.open(data_dir / VIWIKI, "rt", encoding="utf-8") as stream:
        for number, line in enumerate(stream):
            if number % stride:
                continue
            text = json.loads(line)["text"]
            for para in text.replace("\r", "").split("\n"):
                para = para.strip()
                if len(para) < 60 or para.startswith("==") or not para.endswith((".", "!", "?")):
                    continue
                for sentence in _SENTENCE_END.split(para):
                    if 40 <= len(sentence) <= 500:
                        sentences.append(sentence)
                        total += len(sentence)
            if total >= needed_chars:
                break
    if not sentences:
        raise RuntimeError(f"no sentences read from {data_dir / VIWIKI}")
    return sentences


def _subject(rng: random.Random, titles: list[str]) -> str:
    if titles and rng.random() < 0.2:
        return f"tổ chức hội thảo về {rng.choice(titles)}"
    return f"{rng.choice(VERBS)} {rng.choice(TOPICS)}"


def _date(rng: random.Random) -> dt.date:
    span = (LAST_DAY - FIRST_DAY).days
    return FIRST_DAY + dt.timedelta(days=rng.randint(0, span))


def _title_block(doc_type: str, subject: str, issuer: Issuer) -> list[str]:
    if doc_type == "Công văn":
        return [f"V/v {subject}"]
    if doc_type == "Thông báo":
        who = "Thường trực Tỉnh ủy" if issuer.kind == "party" else f"lãnh đạo {issuer.label}"
        return ["THÔNG BÁO", f"Kết luận của {who} về {subject}"]
    if doc_type == "Kết luận":
        return ["KẾT LUẬN", f"của Ban Thường vụ {issuer.label} về {subject}"]
    if doc_type == "Chỉ thị":
        return ["CHỈ THỊ", f"Về việc {subject}"]
    if doc_type == "Công điện":
        return ["CÔNG ĐIỆN", f"Về việc {subject}"]
    return ["KẾ HOẠCH", subject[0].upper() + subject[1:]]


def _signature(issuer: Issuer, doc_type: str, rng: random.Random) -> list[str]:
    name = rng.choice(issuer.signers)
    if issuer.kind == "party":
        if doc_type == "Thông báo":
            return ["T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG", "", name]
        title = rng.choice(["BÍ THƯ", "PHÓ BÍ THƯ", "PHÓ BÍ THƯ THƯỜNG TRỰC"])
        return ["T/M BAN THƯỜNG VỤ", title, "", name]
    if issuer.kind == "ubnd":
        if rng.random() < 0.6:
            return ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", name]
        return ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", name]
    if issuer.kind == "vpcp":
        return ["KT. BỘ TRƯỞNG, CHỦ NHIỆM", "PHÓ CHỦ NHIỆM", "", name]
    if rng.random() < 0.5:
        return ["THỦ TƯỚNG", "", name]
    return ["KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "", name]


def _citation(cited: dict) -> str:
    day = dt.date.fromisoformat(cited["issued_date"])
    return (
        f"{cited['doc_type']} số {cited['number']} ngày {day.day}/{day.month}/{day.year} "
        f"của {cited['issuer']}"
    )


def _body(rng: random.Random, pool: list[str], earlier: list[dict]) -> tuple[list[str], list]:
    """Paragraphs of consecutive real sentences; some open with or include a citation."""
    target = rng.triangular(1_500, 6_600, 2_700)  # mean about BODY_CHARS_MEAN
    start = rng.randrange(len(pool))
    sentences, size = [], 0
    while len(sentences) < MAX_SENTENCES and (size < target or len(sentences) < MIN_SENTENCES):
        sentence = pool[(start + len(sentences)) % len(pool)]
        sentences.append(sentence)
        size += len(sentence) + 1
    references = []
    if earlier and rng.random() < 0.35:
        cited = rng.choice(earlier)
        references.append(cited["number"])
        sentences[0] = f"Thực hiện {_citation(cited)}, {sentences[0][0].lower()}{sentences[0][1:]}"
    if earlier and rng.random() < 0.15:
        cited = rng.choice(earlier)
        references.append(cited["number"])
        i = rng.randrange(len(sentences))
        sentences[i] = f"{sentences[i][:-1]} (theo {_citation(cited)})."
    paragraphs, i, numbered = [], 0, rng.random() < 0.5
    while i < len(sentences):
        step = rng.randint(1, 4)
        text = " ".join(sentences[i : i + step])
        if numbered and paragraphs:
            text = f"{len(paragraphs)}. {text}"
        paragraphs.append(text)
        i += step
    return paragraphs, references


def render(meta: dict, issuer: Issuer, paragraphs: list[str], rng: random.Random) -> str:
    """The text of one document, in the shape of the sample archive's files."""
    day = dt.date.fromisoformat(meta["issued_date"])
    lines = ["", issuer.header, "", "*", "", f"Số {meta['number']}", ""]
    title = _title_block(meta["doc_type"], meta["subject"], issuer)
    if meta["doc_type"] == "Công văn":
        lines += title + [""]
    if issuer.kind == "party":
        lines += ["ĐẢNG CỘNG SẢN VIỆT NAM", ""]
    else:
        lines += ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", ""]
    lines += [f"{issuer.place}, ngày {day.day} tháng {day.month} năm {day.year}", ""]
    if meta["urgency"]:
        lines += [meta["urgency"], ""]
    if meta["doc_type"] != "Công văn":
        lines += title + [""]
    if meta["doc_type"] in ("Công văn", "Công điện"):
        lines += ["Kính gửi:"] + [f"- {r}" for r in rng.sample(RECIPIENTS, 3)] + [""]
    for para in paragraphs:
        lines += [para, ""]
    lines += ["Nơi nhận:", "- Như trên;", "- Lưu VT.", ""]
    lines += _signature(issuer, meta["doc_type"], rng)
    return "\n".join(lines) + "\n"


def meta_path(out_dir: Path) -> Path:
    """Where the generated metadata lives: beside the archive, never inside it."""
    out_dir = Path(out_dir)
    return out_dir.parent / f"{out_dir.name}.meta.jsonl"


def read_meta(out_dir: Path) -> tuple[dict, list[dict]]:
    """The stats line and the per-document metadata written by ``generate_archive``."""
    with meta_path(out_dir).open(encoding="utf-8") as stream:
        stats = json.loads(stream.readline())
        return stats, [json.loads(line) for line in stream]


def archive_is_current(out_dir: Path, n: int, seed: int = 0) -> bool:
    """True when ``out_dir`` already holds the archive ``generate_archive(n, seed)`` writes."""
    try:
        with meta_path(out_dir).open(encoding="utf-8") as stream:
            stats = json.loads(stream.readline())
            last = None
            for line in stream:
                last = line
    except (OSError, ValueError):
        return False
    same = (stats.get("n"), stats.get("seed"), stats.get("version")) == (
        n, seed, GENERATOR_VERSION,
    )  # fmt: skip
    return same and last is not None and (Path(out_dir) / json.loads(last)["path"]).is_file()


def generate_archive(out_dir: Path, n: int, data_dir: Path, seed: int = 0) -> ArchiveStats:
    """Write ``n`` documents under ``out_dir/gen/`` and their metadata beside ``out_dir``."""
    started = time.perf_counter()
    out_dir = Path(out_dir)
    rng = random.Random(seed)
    pool = load_sentences(Path(data_dir), n * BODY_CHARS_MEAN)
    titles = sorted({s.split(" là ")[0] for s in pool[:: max(1, len(pool) // 500)]
                     if " là " in s and len(s.split(" là ")[0]) < 40})  # fmt: skip
    issuers = make_issuers(rng)
    serials: dict[tuple, int] = {}
    shutil.rmtree(out_dir / "gen", ignore_errors=True)
    metas: list[dict] = []
    characters = size = 0
    for i in range(n):
        issuer = rng.choice(issuers)
        doc_type = rng.choice(list(issuer.types))
        day = _date(rng)
        counter_key = (issuer.header, doc_type, day.year)
        serials[counter_key] = serials.get(counter_key, rng.randint(0, 200)) + rng.randint(1, 25)
        meta = {
            "id": f"gen/{day.year}/{i:06d}",
            "path": f"gen/{day.year}/{i:06d}.txt",
            "number": format_number(issuer, doc_type, serials[counter_key], rng),
            "doc_type": doc_type,
            "issuer": issuer.label,
            "place": issuer.place,
            "issued_date": day.isoformat(),
            "subject": _subject(rng, titles),
            "urgency": rng.choice(["KHẨN", "HỎA TỐC"]) if rng.random() < 0.08 else None,
        }
        paragraphs, meta["references"] = _body(rng, pool, metas)
        text = render(meta, issuer, paragraphs, rng)
        path = out_dir / meta["path"]
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        characters += len(text)
        size += len(data)
        metas.append(meta)
    stats = ArchiveStats(n, characters, size, len(pool), time.perf_counter() - started, n, seed)
    tmp = meta_path(out_dir).with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as stream:
        stream.write(json.dumps(asdict(stats)) + "\n")
        for meta in metas:
            stream.write(json.dumps(meta, ensure_ascii=False) + "\n")
    tmp.replace(meta_path(out_dir))
    return stats


def ensure_archive(out_dir: Path, n: int, data_dir: Path, seed: int = 0) -> ArchiveStats:
    """Reuse the archive in ``out_dir`` when it matches ``(n, seed)``; else generate it."""
    if archive_is_current(out_dir, n, seed):
        stats, _ = read_meta(out_dir)
        print(f"reusing archive {out_dir} ({stats['docs']} docs)")
        return ArchiveStats(**stats)
    print(f"generating {n} documents into {out_dir} ...", flush=True)
    stats = generate_archive(out_dir, n, data_dir, seed)
    print_stats(stats)
    return stats


def print_stats(stats: ArchiveStats) -> None:
    print(f"{'documents':<22}{stats.docs:>14,}")
    print(f"{'characters':<22}{stats.characters:>14,}")
    print(f"{'bytes (UTF-8)':<22}{stats.bytes:>14,}")
    print(f"{'mean chars/document':<22}{stats.mean_characters:>14,.0f}")
    print(f"{'sentence pool':<22}{stats.sentences:>14,}")
    print(f"{'seconds':<22}{stats.seconds:>14.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="archive directory to (re)write")
    parser.add_argument("--docs", type=int, default=1000, help="number of documents")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="shared data directory")
    args = parser.parse_args()
    print_stats(generate_archive(args.out, args.docs, args.data, args.seed))


if __name__ == "__main__":
    main()
