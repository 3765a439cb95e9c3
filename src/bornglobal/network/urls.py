from django.urls import path

from bornglobal.network import views, views_reviews, views_search

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
]
