"""Each public service function says whether it commits: "Commits." when it runs a transaction, and
"does not commit" (or "the caller commits") when it writes into the caller's transaction."""
import ast
import re
from pathlib import Path

import shop

SERVICES = Path(shop.__file__).parent / "services"
SAYS_NOT = re.compile(r"not commit|caller commits|holds the lock and commits", re.I)


def public_functions():
    for path in sorted(SERVICES.rglob("*.py")):
        if path.name == "transaction.py":
            continue
        text = path.read_text()
        for node in ast.parse(text).body:
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                yield f"{path.relative_to(SERVICES)}:{node.name}", node, ast.get_source_segment(text, node)


def runs_a_transaction(node, source):
    return any(getattr(d, "id", None) == "commits" for d in node.decorator_list) or "with transaction()" in source


def test_functions_that_commit_say_so():
    silent = [name for name, node, source in public_functions()
              if runs_a_transaction(node, source) and "Commits" not in (ast.get_docstring(node) or "")]
    assert silent == []


def test_functions_that_write_without_committing_say_so():
    silent = []
    for name, node, source in public_functions():
        direct_write = re.search(r"db\.session\.(add|delete)\(|db\.session\.execute\(\s*(update|delete|insert)\(",
                                 source)
        if direct_write and not runs_a_transaction(node, source) and not SAYS_NOT.search(ast.get_docstring(node) or ""):
            silent.append(name)
    assert silent == []
