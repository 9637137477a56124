"""The public calendar's ETag follows the deploy: an answer made by other code or templates has another ETag, so
a browser or proxy holding the old HTML gets the new page instead of a 304; the same files give the same ETag on
every worker and after a restart."""

import shutil

from clubs_exchange.public import caching

JUNE_LIST = "/public/calendar/list?from=2031-06-01&to=2031-06-30"


def test_the_code_version_is_the_content_of_the_templates_and_the_code(tmp_path, app):
    templates = tmp_path / "templates"
    shutil.copytree(app.template_folder, templates)
    same = tmp_path / "same"
    shutil.copytree(app.template_folder, same)
    assert caching.code_version(str(templates)) == caching.code_version(str(same)) \
        == caching.code_version(app.template_folder)
    (tmp_path / "changed").mkdir()
    changed = tmp_path / "changed" / "templates"
    shutil.copytree(app.template_folder, changed)
    page = changed / "public" / "list.html"
    page.write_text(page.read_text().replace("{% block", "<!-- deployed -->{% block", 1))
    assert caching.code_version(str(changed)) != caching.code_version(app.template_folder)


def test_a_deploy_that_changes_a_template_answers_the_old_etag_with_the_new_page(tmp_path, app, app_config,
                                                                                 make_app, approved):
    approved(title="Summer concert", public=True)
    before = app.test_client().get(JUNE_LIST)
    etag = before.headers["ETag"]
    assert before.status_code == 200

    restarted = make_app(app_config)   # another worker, or the same code started again: the same answer
    assert restarted.test_client().get(JUNE_LIST, headers={"If-None-Match": etag}).status_code == 304

    deployed_templates = tmp_path / "templates"
    shutil.copytree(app.template_folder, deployed_templates)
    page = deployed_templates / "public" / "list.html"
    page.write_text(page.read_text().replace("{% block content %}", "{% block content %}<p>New layout</p>", 1))
    deployed = make_app(app_config)
    deployed.template_folder = str(deployed_templates)   # before its first page: its templates are the new ones
    after = deployed.test_client().get(JUNE_LIST, headers={"If-None-Match": etag})
    assert after.status_code == 200 and "New layout" in after.get_data(as_text=True)
    assert after.headers["ETag"] != etag
    assert deployed.test_client().get(JUNE_LIST, headers={"If-None-Match": after.headers["ETag"]}).status_code == 304
