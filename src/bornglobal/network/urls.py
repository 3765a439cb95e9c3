from django.urls import path

from bornglobal.network import views, views_profiles, views_reviews, views_search

urlpatterns = [
    path("network/skills/", views.skills, name="network_skills"),
    path("network/search/", views_search.talent_search, name="network_search"),
    path("network/skills/search/", views.skills_search, name="network_skills_search"),
    path("network/skills/suggest/", views.skills_suggest, name="network_skills_suggest"),
    path("network/reviews/", views_reviews.reviews_page, name="network_reviews"),
    path("network/reviews/<int:escrow_id>/", views_reviews.review_submit,
         name="network_review_submit"),
    path("network/people/<int:user_id>/reputation/", views_reviews.reputation,
         name="network_reputation"),
    path("network/me/record.json", views_reviews.my_record, name="network_my_record"),
    path("network/profiles/<int:profile_id>/", views_profiles.profile_page,
         name="network_profile"),
    path("network/me/profile/", views_profiles.my_profile, name="network_my_profile"),
    path("network/me/profile/skill-options/", views_profiles.skill_options,
         name="network_my_profile_skill_options"),
    path("network/me/profile/portfolio/", views_profiles.my_portfolio_add,
         name="network_my_portfolio_add"),
    path("network/me/profile/portfolio/<int:item_id>/remove/", views_profiles.my_portfolio_remove,
         name="network_my_portfolio_remove"),
    path("network/me/profile/tax-residencies/", views_profiles.my_tax_residency_add,
         name="network_my_tax_residency_add"),
    path("network/me/profile/tax-residencies/<int:residency_id>/remove/",
         views_profiles.my_tax_residency_remove, name="network_my_tax_residency_remove"),
]
