"""Every YAML family's top-level model, by the name of its JSON Schema file in roadmap_data/schema/.

`python hooks/cli.py schema` writes them out (export_schemas) for editors; yaml-language-server reads them.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from pattern_roadmap.schema.comparisons import Comparison
from pattern_roadmap.schema.generator import Form, Rules
from pattern_roadmap.schema.guides import Choosing, Learning, Wizard
from pattern_roadmap.schema.patterns import Pattern
from pattern_roadmap.schema.roadmaps import Priorities, Roadmap

SCHEMAS: dict[str, type[BaseModel]] = {
    "pattern": Pattern,
    "form": Form,
    "rules": Rules,
    "roadmap": Roadmap,
    "priorities": Priorities,
    "wizard": Wizard,
    "learning": Learning,
    "choosing": Choosing,
    "comparison": Comparison,
}


def export_schemas(out_dir: Path) -> list[Path]:
    """Write `<name>.schema.json` for each model; a file whose text is unchanged is left alone."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in SCHEMAS.items():
        path = out_dir / f"{name}.schema.json"
        text = json.dumps(model.model_json_schema(), indent=2, sort_keys=True) + "\n"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
