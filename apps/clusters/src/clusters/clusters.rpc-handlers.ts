import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CLUSTERS_RPC, ClusterDetail, ClusterQuery, ClusterRef, ClusterView, CreateCluster, Page } from '@grappes/contracts';
import { Caller, RequestContext, RpcHandler, requirePrincipal } from '@grappes/messaging';
import { ClustersService } from './clusters.service';

@Controller()
export class ClustersRpcHandlers {
  constructor(private readonly clusters: ClustersService) {}

  @RpcHandler(CLUSTERS_RPC.createCluster)
  create(@Payload() input: CreateCluster, @Caller() caller: RequestContext): Promise<ClusterView> {
    return this.clusters.create(input, requirePrincipal(caller));
  }

  @RpcHandler(CLUSTERS_RPC.listClusters)
  list(@Payload() query: ClusterQuery, @Caller() caller: RequestContext): Promise<Page<ClusterView>> {
    requirePrincipal(caller);
    return this.clusters.list(query);
  }

  @RpcHandler(CLUSTERS_RPC.getCluster)
  get(@Payload() { clusterId }: ClusterRef, @Caller() caller: RequestContext): Promise<ClusterDetail> {
    return this.clusters.get(clusterId, requirePrincipal(caller));
  }
}
