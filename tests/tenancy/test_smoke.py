def test_me_endpoint_answers_for_a_session(client, founder):
    # given a logged-in founder
    client.force_login(founder)
    # when they ask who they are
    response = client.get("/api/v1/me")
    # then the API names them
    assert response.status_code == 200
    assert response.json()["email"] == founder.email
