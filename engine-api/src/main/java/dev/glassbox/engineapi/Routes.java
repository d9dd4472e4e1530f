package dev.glassbox.engineapi;

import java.util.ArrayList;
import java.util.List;

/** Every route this server answers, by family. */
final class Routes {
    private Routes() {}

    static Router all(TraceFeed feed) {
        List<Route> routes = new ArrayList<>();
        routes.addAll(SystemRoutes.routes());
        routes.addAll(ContainerRoutes.routes());
        routes.addAll(StreamRoutes.routes());
        routes.addAll(StatsRoute.routes());
        routes.addAll(ArchiveRoutes.routes());
        routes.addAll(ExecRoutes.routes());
        routes.addAll(ImageRoutes.routes());
        routes.addAll(BuildRoutes.routes());
        routes.addAll(NetworkRoutes.routes());
        routes.addAll(VolumeRoutes.routes());
        routes.addAll(GlassboxRoutes.routes(feed));
        return new Router(routes);
    }
}
