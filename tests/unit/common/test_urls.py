import pytest

from services.common.urls import article_id_for, canonicalize_url


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        pytest.param("HTTPS://News.Example.COM/a", "https://news.example.com/a", id="case"),
        pytest.param("https://news.example.com:443/a", "https://news.example.com/a", id="default-port"),
        pytest.param("http://news.example.com:8080/a", "http://news.example.com:8080/a", id="other-port-kept"),
        pytest.param("https://news.example.com/a#comments", "https://news.example.com/a", id="fragment"),
        pytest.param("https://news.example.com/a?utm_source=rss&utm_medium=feed&id=7&fbclid=x&gclid=y",
                     "https://news.example.com/a?id=7", id="tracking"),
        pytest.param("https://news.example.com/a?b=2&a=1", "https://news.example.com/a?a=1&b=2", id="sorted"),
        pytest.param("https://news.example.com", "https://news.example.com/", id="empty-path"),
    ],
)
def test_canonicalize_url(url, canonical):
    assert canonicalize_url(url) == canonical


def test_canonicalize_is_idempotent():
    url = "HTTPS://a.example:443/x?utm_campaign=1&z=1&a=2#f"
    assert canonicalize_url(canonicalize_url(url)) == canonicalize_url(url)


def test_article_id_is_stable_and_distinct():
    assert article_id_for("https://a.example/x") == article_id_for("https://a.example/x")
    assert article_id_for("https://a.example/x") != article_id_for("https://a.example/y")
