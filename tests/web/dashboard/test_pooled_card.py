import re


def pooled_card(html: str) -> str | None:
    match = re.search(r'<section class="card" id="pooled">(.*?)</section>', html, re.S)
    return match.group(1) if match else None


def dates(pooled_company) -> str:
    return f"start={pooled_company.first}&end={pooled_company.last}"


def test_the_overview_shows_the_pooled_reading_above_the_teams_table(
    client, pooled_company, make_user, login
):
    login(make_user("hr"))
    html = client.get(f"/dashboard/?{dates(pooled_company)}").get_data(as_text=True)
    card = pooled_card(html)
    assert card is not None
    assert html.index('id="pooled"') < html.index("<h2>Teams</h2>")
    assert 'data-verdict="relationship"' in card
    assert "CSAT tends to follow engagement by about 2 weeks" in card
    assert "best lag +2 weeks" in card
    effect = r"\+\d+\.\d CSAT points per 10 engagement points\s+\(95% CI \+\d+\.\d to \+\d+\.\d\)"
    assert re.search(effect, card)
    assert "9 teams and 16 weeks pooled" in card


def test_the_card_pools_the_outcome_chosen_and_names_its_unit(client, pooled_company, make_user, login):
    login(make_user("hr"))
    card = pooled_card(
        client.get(f"/dashboard/?{dates(pooled_company)}&outcome=csat_mean").get_data(as_text=True)
    )
    assert "Across teams: does mean CSAT follow engagement?" in card
    assert "mean CSAT tends to follow engagement by about 2 weeks" in card
    assert re.search(r"\+\d+\.\d mean CSAT points per 10 engagement points", card)


def test_a_parent_team_page_pools_its_sub_teams_and_a_leaf_team_page_has_no_card(
    client, pooled_company, make_user, login
):
    login(make_user("hr"))
    ops = client.get(f"/dashboard/teams/{pooled_company.teams['Ops'].id}?{dates(pooled_company)}").get_data(
        as_text=True
    )
    card = pooled_card(ops)
    assert "the sub-teams of Ops" in card
    assert "8 teams and 16 weeks pooled" in card
    assert ops.index('id="pooled"') < ops.index('id="correlation"')
    leaf = client.get(
        f"/dashboard/teams/{pooled_company.teams['Ops 1'].id}?{dates(pooled_company)}"
    ).get_data(as_text=True)
    assert pooled_card(leaf) is None


def test_a_manager_sees_their_own_teams_too_few_to_pool(client, pooled_company, make_user, login):
    login(make_user("manager", employee=pooled_company.manager))
    card = pooled_card(client.get(f"/dashboard/?{dates(pooled_company)}").get_data(as_text=True))
    assert 'data-verdict="not_enough_data"' in card
    assert "Not enough data to pool: 1 team has at least 8 weeks" in card
    assert "best lag" not in card
