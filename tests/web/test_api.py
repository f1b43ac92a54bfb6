"""The public JSON catalogue and its OpenAPI description."""
import re

import pytest

from shop.models.statuses import ProductStatus
from tests.factories import make_area, make_category, make_image, make_producer, make_product


def resolve_ref(document, schema):
    """Follow a local "$ref" ("#/components/schemas/X") to the schema it names."""
    if "$ref" not in schema:
        return schema
    ref = schema["$ref"]
    assert ref.startswith("#/"), ref
    target = document
    for part in ref[2:].split("/"):
        target = target[part]
    return target


TYPES = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}


def matches_type(value, name):
    if name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if name == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    return isinstance(value, TYPES[name])


def check(document, schema, value, path="$"):
    """Validate `value` against the subset of JSON Schema the document uses; every key must be described."""
    if "$ref" in schema:
        return check(document, resolve_ref(document, schema), value, path)
    if "allOf" in schema:
        merged = {"type": "object", "required": [], "properties": {}}
        for part in schema["allOf"]:
            part = resolve_ref(document, part)
            merged["required"] += part.get("required", [])
            merged["properties"].update(part.get("properties", {}))
        return check(document, merged, value, path)
    if "oneOf" in schema:
        passing = 0
        for option in schema["oneOf"]:
            try:
                check(document, option, value, path)
                passing += 1
            except AssertionError:
                pass
        assert passing == 1, f"{path}: {value!r} matches {passing} of oneOf"
        return None
    types = schema.get("type")
    if types is not None:
        types = types if isinstance(types, list) else [types]
        assert any(matches_type(value, t) for t in types), f"{path}: {value!r} is not {types}"
    if "const" in schema:
        assert value == schema["const"], path
    if "enum" in schema:
        assert value in schema["enum"], f"{path}: {value!r} not in {schema['enum']}"
    if isinstance(value, int) and "minimum" in schema:
        assert value >= schema["minimum"], path
    if isinstance(value, int) and "maximum" in schema:
        assert value <= schema["maximum"], path
    if isinstance(value, dict) and "properties" in schema:
        for key in schema.get("required", []):
            assert key in value, f"{path}: missing {key}"
        for key, item in value.items():
            assert key in schema["properties"], f"{path}: {key} is not described"
            check(document, schema["properties"][key], item, f"{path}.{key}")
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            check(document, schema["items"], item, f"{path}[{index}]")
    return None


@pytest.fixture
def catalogue(db):
    ha_long = make_area("Hạ Long", "Ha Long", slug="ha-long")
    food = make_category("food", "Thực phẩm", "Food")
    squid = make_product(make_producer(name="Công ty CP Chả mực Hạ Long", slug="cha-muc-co", area=ha_long),
                         "Chả mực Hạ Long", slug="cha-muc-ha-long", name_en="Ha Long squid cake", price=85_000,
                         stock=40, stars=5, category=food, description_vi="Giã tay.", description_en="Hand-pounded.")
    make_image(squid, "products/cha-muc.jpg")
    make_product(name_vi="Trà hoa vàng", slug="tra", name_en="Golden camellia tea", price=350_000, stock=2, stars=4)
    make_product(name_vi="Sá sùng", slug="sa-sung", price=3_200_000, stock=0)
    make_product(slug="draft", status=ProductStatus.DRAFT)
    db.session.commit()
    return squid


def openapi(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def test_list_products(client, catalogue):
    data = client.get("/api/products").get_json()
    assert (data["page"], data["per_page"], data["pages"], data["total"]) == (1, 24, 1, 3)
    assert data["sort"] == "featured"
    squid = next(item for item in data["items"] if item["slug"] == "cha-muc-ha-long")
    assert squid == {
        "slug": "cha-muc-ha-long",
        "name": {"vi": "Chả mực Hạ Long", "en": "Ha Long squid cake", "zh": "Ha Long squid cake",
                 "ko": "Ha Long squid cake"},
        "unit": {"vi": "hộp", "en": "box", "zh": "box", "ko": "box"},
        "price": 85_000,
        "currency": "VND",
        "stars": 5,
        "stock_state": "in_stock",
        "stock_left": None,
        "producer": {"slug": "cha-muc-co", "name": "Công ty CP Chả mực Hạ Long",
                     "url": "http://localhost/producers/cha-muc-co"},
        "category": {"slug": "food", "name": {"vi": "Thực phẩm", "en": "Food", "zh": "Food", "ko": "Food"}},
        "area": {"slug": "ha-long", "name": {"vi": "Hạ Long", "en": "Ha Long", "zh": "Ha Long", "ko": "Ha Long"}},
        "url": "http://localhost/products/cha-muc-ha-long",
        "image_url": "http://localhost/media/products/cha-muc.jpg",
    }
    states = {item["slug"]: (item["stock_state"], item["stock_left"], item["stars"]) for item in data["items"]}
    assert states["tra"] == ("low_stock", 2, 4)
    assert states["sa-sung"] == ("sold_out", None, None)


def test_list_uses_the_same_filters_and_search_as_the_shop(client, catalogue):
    def slugs(query):
        return [item["slug"] for item in client.get("/api/products?" + query).get_json()["items"]]

    assert slugs("q=cha+muc") == ["cha-muc-ha-long"]
    assert slugs("q=Chả+Mực") == ["cha-muc-ha-long"]
    assert slugs("stars=4&sort=price_asc") == ["cha-muc-ha-long", "tra"]
    assert slugs("max_price=100000") == ["cha-muc-ha-long"]
    assert slugs("sort=price_desc") == ["sa-sung", "tra", "cha-muc-ha-long"]
    assert client.get("/api/products?q=tra").get_json()["sort"] == "relevance"


def test_list_pagination_and_per_page_clamp(client, catalogue):
    data = client.get("/api/products?per_page=2&page=2&sort=price_asc").get_json()
    assert (data["page"], data["per_page"], data["pages"], data["total"]) == (2, 2, 2, 3)
    assert [item["slug"] for item in data["items"]] == ["sa-sung"]
    assert client.get("/api/products?per_page=5000").get_json()["per_page"] == 100
    assert client.get("/api/products?per_page=abc&page=-4&stars=x").get_json()["page"] == 1


def test_product_detail(client, catalogue):
    response = client.get("/api/products/cha-muc-ha-long")
    assert response.status_code == 200
    data = response.get_json()
    cert = catalogue.certifications[0]
    assert data["description"] == {"vi": "Giã tay.", "en": "Hand-pounded.", "zh": "Hand-pounded.",
                                   "ko": "Hand-pounded."}
    catalogue.description_zh = "手工捶打。"
    from shop.extensions import db
    db.session.commit()
    assert client.get("/api/products/cha-muc-ha-long").get_json()["description"]["zh"] == "手工捶打。"
    assert data["certification"] == {
        "stars": 5, "decision_number": cert.decision_number, "issuing_body": cert.issuing_body,
        "decision_date": cert.decision_date.isoformat(), "valid_until": cert.expires_on.isoformat(),
        "traceability_url": None, "demo": False,
    }
    assert data["images"][0]["url"] == "http://localhost/media/products/cha-muc.jpg"
    assert data["qr_code_url"] == "http://localhost/products/cha-muc-ha-long/qr.svg"
    assert client.get("/api/products/sa-sung").get_json()["certification"] is None


@pytest.mark.parametrize("slug", ["no-such-product", "draft"])
def test_unknown_or_unlisted_slug_is_a_json_404(client, catalogue, slug):
    response = client.get(f"/api/products/{slug}")
    assert response.status_code == 404
    assert response.is_json and response.get_json()["error"] == "Page not found"


def test_openapi_document_describes_the_api(client, catalogue):
    document = openapi(client)
    assert document["openapi"] == "3.1.0"
    assert set(document["paths"]) == {"/api/products", "/api/products/{slug}"}
    parameters = {p["name"] for p in document["paths"]["/api/products"]["get"]["parameters"]}
    assert parameters == {"q", "category", "stars", "area", "min_price", "max_price", "sort", "page", "per_page"}
    for ref in re.findall(r'"\$ref": "([^"]+)"', client.get("/api/openapi.json").get_data(as_text=True)):
        resolve_ref(document, {"$ref": ref})  # every reference points somewhere


def test_responses_match_the_openapi_document(client, catalogue):
    document = openapi(client)
    list_schema = document["paths"]["/api/products"]["get"]["responses"]["200"]["content"]["application/json"]
    detail = document["paths"]["/api/products/{slug}"]["get"]["responses"]
    check(document, list_schema["schema"], client.get("/api/products").get_json())
    check(document, list_schema["schema"], client.get("/api/products?q=tra").get_json())
    for slug in ("cha-muc-ha-long", "tra", "sa-sung"):
        check(document, detail["200"]["content"]["application/json"]["schema"],
              client.get(f"/api/products/{slug}").get_json())
    check(document, detail["404"]["content"]["application/json"]["schema"],
          client.get("/api/products/nope").get_json())


def test_the_checker_catches_an_undescribed_key(client, catalogue):
    document = openapi(client)
    item = client.get("/api/products").get_json()["items"][0]
    item["secret"] = 1
    with pytest.raises(AssertionError, match="secret is not described"):
        check(document, {"$ref": "#/components/schemas/ProductSummary"}, item)


def test_other_sites_may_read_the_public_catalogue(client, catalogue):
    for url in ("/api/products", "/api/products/cha-muc-ha-long", "/api/openapi.json"):
        assert client.get(url).headers["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Origin" not in client.get("/products").headers
