from services.bench.stages import REPO, demo_raw_articles


def test_demo_articles_become_raw_articles_with_pages():
    raws = demo_raw_articles(REPO / "demo" / "corpus")
    assert len(raws) == 12
    assert all(r.html and "<article>" in r.html for r in raws)
    assert len({r.article_id for r in raws}) == len(raws)
