import type { Publisher } from '../../../publish/create-publisher.ts';
import type { SitePublisher } from '../ports.ts';

/**
 * Live messages queue a rebuild of the public site; drill messages only rebuild the admin's
 * drill preview (a publisher over the drill content), never the public site. The publisher stores
 * the request before returning, so it is not awaited: the build reports its own outcome.
 */
export function createSitePublisher(options: { live: Pick<Publisher, 'requestPublish'>; drillPreview?: Pick<Publisher, 'requestPublish'> }): SitePublisher {
  return {
    requestPublish({ reason, drill }) {
      const target = drill ? options.drillPreview : options.live;
      void target?.requestPublish(reason);
    },
  };
}
