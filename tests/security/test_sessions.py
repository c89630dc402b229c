from tests.conftest import PASSWORD


def copied_session(app, client):
    """A second browser holding a copy of the client's session cookie."""
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    return thief


def test_signing_out_ends_the_session_for_a_copied_cookie_too(app, client, make_user, login):
    login(make_user("hr"))
    thief = copied_session(app, client)
    assert thief.get("/people").status_code == 200

    client.post("/logout")

    assert thief.get("/people").status_code == 302
    assert client.get("/people").status_code == 302


def test_signing_out_ends_every_session_of_the_user(app, make_user):
    hr = make_user("hr")
    laptop, phone = app.test_client(), app.test_client()
    for browser in (laptop, phone):
        assert browser.post("/login", data={"email": hr.email, "password": PASSWORD}).status_code == 302

    laptop.post("/logout")

    assert phone.get("/people").status_code == 302
    assert phone.post("/login", data={"email": hr.email, "password": PASSWORD}).status_code == 302
    assert phone.get("/people").status_code == 200


def test_a_new_password_ends_the_sessions_signed_in_with_the_old_one(app, client, runner, make_user, login):
    hr = make_user("hr")
    login(hr)

    result = runner.invoke(
        args=["engage", "set-password", "--email", hr.email],
        input="a-brand-new-passphrase\na-brand-new-passphrase\n",
    )

    assert result.exit_code == 0, result.output
    assert "its sessions are signed out" in result.output
    assert client.get("/people").status_code == 302
    assert client.post("/login", data={"email": hr.email, "password": PASSWORD}).status_code == 401
    assert (
        client.post("/login", data={"email": hr.email, "password": "a-brand-new-passphrase"}).status_code
        == 302
    )


def test_set_password_refuses_a_weak_password_and_an_unknown_email(runner, make_user):
    hr = make_user("hr")
    weak = runner.invoke(args=["engage", "set-password", "--email", hr.email, "--password", "password"])
    assert weak.exit_code != 0 and "at least 12 characters" in weak.output
    unknown = runner.invoke(
        args=[
            "engage",
            "set-password",
            "--email",
            "nobody@example.com",
            "--password",
            "a-brand-new-passphrase",
        ]
    )
    assert unknown.exit_code != 0 and "no user with email nobody@example.com" in unknown.output


def test_a_cookie_from_before_session_versions_is_not_accepted(app, make_user):
    hr = make_user("hr")
    browser = app.test_client()
    with browser.session_transaction() as session:
        session["_user_id"] = str(hr.id)
        session["_fresh"] = True

    assert browser.get("/people").status_code == 302
