#!/usr/bin/env python3
"""Copies each English notebook's setup cell (its first code cell) into the Korean notebook of the same
name, in the Korean edition's form: the #r path one folder deeper, the language switch line added, and
the "Backprop loaded" line in Korean. Run it from the repository root after the English setup cell
changes, then rerun the Korean notebooks: ./backprop notebooks run notebooks/ko/"""
import json
import pathlib
import sys

SWITCH = "Text.Language = Language.Korean;   // 차트 제목과 축 이름, 라이브러리의 출력을 한국어로"
LOADED = ('Console.WriteLine($"Backprop loaded; matrix products: {', 'Console.WriteLine($"Backprop을 불러왔습니다. 행렬의 곱: {')


def korean_setup(english: str) -> str:
    lines = english.replace('#r "../lib/', '#r "../../lib/').replace(*LOADED).split("\n")
    printed = next((i for i, line in enumerate(lines) if line.startswith("Console.WriteLine(")), len(lines))
    lines.insert(printed, SWITCH)
    return "\n".join(lines)


def source_lines(text: str) -> list:
    parts = text.split("\n")
    return [p + "\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def main() -> int:
    root = pathlib.Path("notebooks")
    changed = 0
    for korean_path in sorted((root / "ko").glob("*.ipynb")):
        english_path = root / korean_path.name
        if not english_path.exists():
            print(f"{korean_path}: no English notebook {english_path}", file=sys.stderr)
            return 2
        english = json.loads(english_path.read_text(encoding="utf-8"))
        korean = json.loads(korean_path.read_text(encoding="utf-8"))
        english_setup = next(c for c in english["cells"] if c["cell_type"] == "code")
        korean_setup_cell = next(c for c in korean["cells"] if c["cell_type"] == "code")
        wanted = source_lines(korean_setup("".join(english_setup["source"])))
        if korean_setup_cell["source"] != wanted:
            korean_setup_cell["source"] = wanted
            korean_path.write_text(json.dumps(korean, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            print(f"{korean_path}: setup cell updated")
            changed += 1
    print(f"{changed} Korean notebooks changed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
