package cn.fucai.cms.sync;

import cn.fucai.cms.media.MediaService;
import cn.fucai.cms.media.MediaService.Mirrored;
import cn.fucai.cms.sync.SyncDtos.MediaSyncItem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The media feed: the items published content uses, as the public API shows them, so that a mirror fetches each file
 * once (its URLs are content-addressed) and drops it when it is deleted or no published content uses it any more.
 */
@ApplicationScoped
class MediaFeed implements SyncFeed<Mirrored, MediaSyncItem> {

    @Inject
    MediaService media;

    @Inject
    CanonicalJson canonical;

    private static final ChangeLog LOG = new ChangeLog("media_change", "media_id");

    @Override
    public ChangeLog changeLog() {
        return LOG;
    }

    @Override
    public String cursorScope(UUID publisherId, String locale) {
        return "media/" + (publisherId == null ? "*" : publisherId.toString());
    }

    @Override
    public List<Mirrored> publishedAfter(UUID publisherId, UUID afterId, int limit) {
        return media.publicAfter(publisherId, afterId, limit);
    }

    @Override
    public Map<UUID, Mirrored> byIds(Collection<UUID> ids) {
        return media.mirroredByIds(ids);
    }

    @Override
    public UUID idOf(Mirrored item) {
        return item.media().id();
    }

    @Override
    public List<MediaSyncItem> items(List<Mirrored> items, UUID publisherId, String locale) {
        return items.stream().map(this::item).toList();
    }

    private MediaSyncItem item(Mirrored item) {
        UUID id = item.media().id();
        if (item.deleted()) {
            return new MediaSyncItem("remove", id, "deleted", null, null);
        }
        if (!item.shown()) {
            return new MediaSyncItem("remove", id, "unpublished", null, null);
        }
        return new MediaSyncItem("upsert", id, null, item.media(), canonical.sha256(item.media()));
    }
}
