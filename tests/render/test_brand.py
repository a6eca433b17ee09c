"""A brand's texts cannot break out of the CSS, HTML or Markdown they are put into."""

from __future__ import annotations

from advisor.render.brand import Brand, contrast_on_white, css_string, html_header, markdown_header, page_css


def test_css_strings_cannot_end_themselves_or_the_style_element() -> None:
    text = css_string('a"; } body { display: none } </style><script>x</script>')
    assert text.startswith('"') and text.endswith('"') and text.count('"') == 2
    assert "<" not in text and "}" not in text and ";" in text  # ; is plain punctuation, inside the string


def test_a_light_accent_colours_bars_but_not_links() -> None:
    assert contrast_on_white("#ffffff") == 1.0 and contrast_on_white("#000000") == 21.0
    light = page_css("T", Brand("Org", accent="#ffee00"))
    assert "--bar: #ffee00" in light and "--link: #1d4ed8" in light
    assert "--link: #0f766e" in page_css("T", Brand("Org", accent="#0f766e"))


def test_brand_texts_stay_text() -> None:
    brand = Brand("<b>Org</b> | [x](javascript:alert(1))", contact="a@b.example")
    assert "<b>" not in html_header(brand) and "&lt;b&gt;" in html_header(brand)
    header = markdown_header(brand)
    assert "\\[x\\](javascript" in header and "\\|" in header  # escaped: text, not a link
    assert "[a@b.example](mailto:a@b.example)" in header
