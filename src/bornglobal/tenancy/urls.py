from django.urls import path

from bornglobal.tenancy import views, views_venture

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.EmailLoginView.as_view(), name="login"),
    path("logout/", views.PostOnlyLogoutView.as_view(), name="logout"),
    path("signup/", views.signup, name="signup"),
    path("me/", views.me, name="me"),
    path("me/tokens/", views.tokens, name="tokens"),
    path("me/tokens/<int:token_id>/revoke/", views.revoke_token, name="token_revoke"),
    path("ventures/new/", views_venture.venture_new, name="venture_new"),
    path("ventures/switch/", views.switch_venture, name="switch_venture"),
    path("ventures/<int:venture_id>/", views_venture.venture_home, name="venture_home"),
    path("ventures/<int:venture_id>/edit/", views_venture.venture_edit, name="venture_edit"),
    path("ventures/<int:venture_id>/members/add/", views_venture.member_add,
         name="member_add"),
    path("ventures/<int:venture_id>/members/<int:membership_id>/role/",
         views_venture.member_role, name="member_role"),
    path("ventures/<int:venture_id>/members/<int:membership_id>/remove/",
         views_venture.member_remove, name="member_remove"),
]
