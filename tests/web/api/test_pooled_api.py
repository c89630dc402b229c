from openapi_spec_validator import validate


def url(pooled_company, **extra) -> str:
    query = {"start": pooled_company.first, "end": pooled_company.last} | extra
    return "/api/v1/org/correlation?" + "&".join(f"{k}={v}" for k, v in query.items())


def test_the_organisation_is_pooled_and_lag_two_named(client, pooled_company, bearer):
    body = client.get(url(pooled_company), headers=bearer("hr")).get_json()
    assert body["verdict"] == "relationship"
    assert body["best_lag"] == 2
    assert (body["teams"], body["weeks"], body["outcome"]) == (9, 16, "csat_pct")
    assert body["ci_low"] < body["effect_per_10_points"] < body["ci_high"]
    assert [lag["lag"] for lag in body["lags"]] == list(range(-8, 9))
    lag2 = body["lags"][10]
    assert lag2["effect_per_10_points"] == body["effect_per_10_points"]
    assert lag2["p_adjusted"] < 0.05 and lag2["significant"]
    assert (lag2["teams"], lag2["weeks"], lag2["team_weeks"]) == (9, 14, 9 * 14)
    assert body["team"] == {"id": None, "name": "Whole organisation"}


def test_team_id_pools_its_sub_teams(client, pooled_company, bearer):
    ops = pooled_company.teams["Ops"].id
    body = client.get(url(pooled_company, team_id=ops), headers=bearer("hr")).get_json()
    assert body["team"] == {"id": ops, "name": "Ops"}
    assert (body["teams"], body["best_lag"]) == (8, 2)


def test_a_manager_pools_only_their_teams(client, pooled_company, make_user, bearer):
    headers = bearer("manager", make_user("manager", employee=pooled_company.manager))
    body = client.get(url(pooled_company), headers=headers).get_json()
    assert (body["team"]["name"], body["verdict"], body["teams"]) == ("Your teams", "not_enough_data", 1)
    assert body["best_lag"] is None and body["effect_per_10_points"] is None and body["lags"] == []
    response = client.get(url(pooled_company, team_id=pooled_company.teams["Ops"].id), headers=headers)
    assert response.status_code == 403
    assert client.get(url(pooled_company, team_id=999_999), headers=headers).status_code == 404


def test_every_outcome_of_the_per_team_test_is_pooled_and_an_unknown_one_is_400(
    client, pooled_company, bearer
):
    """Mean CSAT moves with CSAT % in this company (every rating 100 or 25); it has no NPS ratings."""
    mean = client.get(url(pooled_company, outcome="csat_mean"), headers=bearer("hr")).get_json()
    assert (mean["outcome"], mean["verdict"], mean["best_lag"]) == ("csat_mean", "relationship", 2)
    assert "mean CSAT tends to follow engagement by about 2 weeks" in mean["reading"]
    nps = client.get(url(pooled_company, outcome="nps"), headers=bearer("hr")).get_json()
    assert (nps["outcome"], nps["verdict"]) == ("nps", "not_enough_data")
    assert "weeks with both engagement and NPS shown" in nps["reading"]
    response = client.get(url(pooled_company, outcome="churn"), headers=bearer("hr"))
    assert response.status_code == 400
    valid = "csat_pct, csat_mean, nps, fcr"
    assert response.get_json() == {
        "field": "outcome",
        "error": f"outcome must be one of {valid}, not 'churn'",
    }


def test_bad_dates_are_400_and_no_token_401(client, bearer):
    response = client.get("/api/v1/org/correlation?start=2026-05-01&end=2026-04-01", headers=bearer("hr"))
    assert response.status_code == 400 and response.get_json()["field"] == "start"
    assert client.get("/api/v1/org/correlation").status_code == 401


def test_the_answer_matches_its_openapi_schema(client, pooled_company, bearer):
    from jsonschema import validate as validate_instance

    document = client.get("/api/v1/openapi.json").get_json()
    validate(document)
    operation = document["paths"]["/api/v1/org/correlation"]["get"]
    assert {p["name"] for p in operation["parameters"]} == {"start", "end", "team_id", "outcome"}
    schemas = document["components"]["schemas"]
    body = client.get(url(pooled_company), headers=bearer("hr")).get_json()
    validate_instance(body, schemas["PooledCorrelation"] | {"components": {"schemas": schemas}})
    assert set(body) == set(schemas["PooledCorrelation"]["properties"])
    lag_schema = schemas["PooledCorrelation"]["properties"]["lags"]["items"]
    assert set(body["lags"][0]) == set(lag_schema["properties"])
