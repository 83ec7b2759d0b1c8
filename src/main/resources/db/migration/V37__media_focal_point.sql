-- An image's focal point: where its subject is, as fractions of its width and height from the top left, so that pages
-- cropping it to another shape (a square thumbnail, a 16:9 card on a phone) keep the subject in view. None (null) is
-- the centre; a PDF has none. Articles copy it into their cover (article.cover, jsonb) when they are saved, and again
-- whenever the image's focal point moves.
alter table media
    add column focal_x double precision check (focal_x between 0 and 1),
    add column focal_y double precision check (focal_y between 0 and 1),
    add constraint media_focal_point_of_images
        check ((focal_x is null) = (focal_y is null) and (focal_x is null or media_type <> 'application/pdf'));
