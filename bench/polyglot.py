"""Writes a Polyglot-format notebook (the .NET Interactive layout the project's notebooks keep) of C# code
cells, for the benchmarks that run C# as notebook cells (bench/in-notebooks.py, bench/natural/side-by-side.py)."""
import json


def write_notebook(path, sources):
    """A notebook of one C# code cell per string in `sources`, written to `path`."""
    cells = [{"cell_type": "code", "execution_count": None, "metadata": {"polyglot_notebook": {"kernelName": "csharp"}},
              "outputs": [], "source": s} for s in sources]
    document = {"cells": cells, "nbformat": 4, "nbformat_minor": 5, "metadata": {
        "kernelspec": {"display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp"},
        "language_info": {"name": "C#"},
        "polyglot_notebook": {"kernelInfo": {"defaultKernelName": "csharp", "items": [{"aliases": [], "name": "csharp"}]}}}}
    with open(path, "w", encoding="utf-8") as f:
        json.dump(document, f, indent=1)
