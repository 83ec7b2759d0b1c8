-- An image's focal point: where its subject is, as fractions of its width and height from the top left, so that pages
-- cropping it to another shape (a square thumbnail, a 16:9 card on a phone) keep the subject in view. The centre until
-- an editor says otherwise; none for a PDF. Articles copy it into their cover (article.cover, jsonb) when they are
-- saved, and again whenever the image's focal point changes.
alter table media
    add column focal_x double precision check (focal_x between 0 and 1),
    add column focal_y double precision check (focal_y between 0 and 1);

update media set focal_x = 0.5, focal_y = 0.5 where media_type <> 'application/pdf';

alter table media add constraint media_focal_point_of_images
    check ((focal_x is null) = (media_type = 'application/pdf') and (focal_y is null) = (media_type = 'application/pdf'));
