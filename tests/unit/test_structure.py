"""The house's shape holds: small modules and functions, blueprints that do not use each other's views."""
import ast
import pathlib

import pytest

SHOP = pathlib.Path(__file__).resolve().parents[2] / "shop"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
BLUEPRINTS = sorted(p.parent.name for p in SHOP.glob("*/__init__.py")
                    if "Blueprint(" in p.read_text(encoding="utf-8"))
MODULES = sorted(SHOP.rglob("*.py"))


def _name(path):
    return str(path.relative_to(SHOP.parent))


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_modules_stay_small(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{_name(path)} has {lines} lines (at most {MAX_MODULE_LINES})"


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_functions_stay_short(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    long = [(node.name, node.end_lineno - node.lineno + 1) for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES]
    assert not long, f"{_name(path)}: functions over {MAX_FUNCTION_LINES} lines: {long}"


def _imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
            for alias in node.names:
                yield f"{node.module}.{alias.name}"
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


def test_the_blueprints_are_found():
    assert {"admin", "auth", "cart", "catalog", "checkout", "producer"} <= set(BLUEPRINTS)


@pytest.mark.parametrize("blueprint", BLUEPRINTS)
def test_no_blueprint_imports_another_blueprints_modules(blueprint):
    """A blueprint's modules use services and shop.web, never another blueprint's routes or helpers."""
    others = [name for name in BLUEPRINTS if name != blueprint]
    crossing = sorted({
        (_name(path), module)
        for path in (SHOP / blueprint).rglob("*.py")
        for module in _imported_modules(path)
        if any(module.startswith(f"shop.{other}.") for other in others)
    })
    assert not crossing, f"{blueprint} imports other blueprints' modules: {crossing}"


def test_services_and_models_never_import_a_blueprint_or_the_request():
    """The layers point down: services and models know nothing of views, requests, sessions or flashes."""
    lower = [*(SHOP / "services").rglob("*.py"), *(SHOP / "models").rglob("*.py")]
    banned_prefixes = tuple(f"shop.{name}" for name in BLUEPRINTS) + ("shop.web",)
    banned_names = {"flask.request", "flask.session", "flask.flash"}
    found = sorted({
        (_name(path), module) for path in lower for module in _imported_modules(path)
        if module in banned_names or module == "shop.web" or module.startswith(banned_prefixes)
    })
    assert not found, f"lower layers import upward: {found}"
