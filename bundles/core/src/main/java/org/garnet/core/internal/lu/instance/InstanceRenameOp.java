package org.garnet.core.internal.lu.instance;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.locks.LockLevel;
import org.garnet.api.lu.LockPlan;
import org.garnet.api.lu.LogicalUnit;
import org.garnet.api.lu.LuContext;
import org.garnet.api.lu.OpDefinition;
import org.garnet.api.lu.OpParam;
import org.garnet.api.lu.ParamType;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.Disk;
import org.garnet.api.model.Instance;
import org.garnet.api.model.Node;
import org.garnet.api.os.OsDefinition;
import org.garnet.core.internal.CoreConfig;
import org.garnet.core.internal.drivers.Drivers;
import org.garnet.core.internal.rpc.NodeRpc;
import org.garnet.core.internal.os.OsRunner;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code OP_INSTANCE_RENAME} ({@code gnt-instance rename [--no-name-check] OLD NEW}): the instance must be
 * stopped and the new name free (and resolvable when {@code name_check}); file-based disks move to the new
 * instance directory, then the OS {@code rename} script runs with {@code OLD_INSTANCE_NAME}. Result: the new name.
 */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + InstanceRenameOp.OP,
        configurationPid = CoreConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public class InstanceRenameOp implements OpDefinition {
    static final String OP = "OP_INSTANCE_RENAME";

    @Reference
    ConfigStore store;
    @Reference
    Drivers drivers;
    @Reference
    NodeRpc nodes;

    public InstanceRenameOp() {
    }

    /** For tests: every node served in process by {@code drivers}, OS logs under {@code osLogDir}. */
    public InstanceRenameOp(ConfigStore store, Drivers drivers, Path osLogDir) {
        this.store = store;
        this.drivers = drivers;
        this.nodes = NodeRpc.inProcess(drivers, osLogDir.getParent().getParent());
    }

    @Override
    public String opId() {
        return OP;
    }

    @Override
    public List<OpParam> params() {
        return List.of(OpParam.required("instance_name", ParamType.STRING, "Instance name"),
                OpParam.optional("instance_uuid", ParamType.STRING, null, "Instance UUID"),
                OpParam.required("new_name", ParamType.STRING, "New instance name"),
                OpParam.optional("ip_check", ParamType.BOOL, false, "Whether to ensure the IP is not in use"),
                OpParam.optional("name_check", ParamType.BOOL, true, "Whether to check name"));
    }

    @Override
    public LogicalUnit create(OpCode op, LuContext ctx) {
        String name = (String) op.params().get("instance_name");
        String newName = (String) op.params().get("new_name");
        return new LogicalUnit() {
            private Instance inst;
            private Cluster cluster;
            private Node pnode;

            @Override
            public void checkArguments() {
                if (Boolean.TRUE.equals(op.params().get("ip_check"))
                        && !Boolean.TRUE.equals(op.params().get("name_check"))) {
                    throw GanetiException.prereq("IP address check requires a name check", ErrorCode.ECODE_INVAL);
                }
            }

            @Override
            public void declareLocks(LockPlan plan) {
                Instance found = Instances.require(store, name);
                plan.need(LockLevel.INSTANCE, Set.of(found.name(), newName), false);
                plan.need(LockLevel.NODE, Set.of(found.primaryNode()), false);
            }

            @Override
            public void checkPrereq() {
                cluster = Instances.cluster(store);
                inst = Instances.require(store, name);
                pnode = Instances.primary(store, inst);
                Instances.requireOnline(pnode);
                if ("up".equals(inst.adminState())) {
                    throw GanetiException.prereq("Instance '" + inst.name() + "' is marked to be up, cannot rename",
                            ErrorCode.ECODE_STATE);
                }
                if (Instances.running(nodes.at(pnode), inst)) {
                    throw GanetiException.prereq("Instance " + inst.name() + " is running, cannot rename",
                            ErrorCode.ECODE_STATE);
                }
                // Ganeti resolves the new name after the state checks
                HostNames.check(newName, Boolean.TRUE.equals(op.params().get("name_check")),
                        Boolean.TRUE.equals(op.params().get("ip_check")));
                if (store.byName(Instance.class, newName).isPresent()) {
                    throw GanetiException.prereq("Instance '" + newName + "' is already in the cluster",
                            ErrorCode.ECODE_EXISTS);
                }
            }

            @Override
            public Object exec() {
                List<Disk> disks = moveFileDisks(inst);
                Instance renamed = store.update(Instance.class, inst.uuid(), i -> new Instance(i.uuid(), newName,
                        i.serialNo(), i.ctime(), i.mtime(), i.primaryNode(), i.os(), i.hypervisor(), i.diskTemplate(),
                        i.hvparams(), i.beparams(), i.osparams(), i.adminState(), i.adminStateSource(),
                        i.disksActive(), disks, i.nics(), i.networkPort(), i.tags()));
                String osName = OsScriptEnv.name(renamed);
                nodes.at(pnode).os(osName).flatMap(os -> os.script(OsDefinition.OsScript.rename).map(s -> os))
                        .ifPresent(os -> {
                            ctx.feedback("Running the instance OS rename script...");
                            nodes.at(pnode).runOs(OsDefinition.OsScript.rename, "rename", osName, newName,
                                    OsRunner.with(OsScriptEnv.of(nodes.at(pnode), pnode, cluster, renamed,
                                            Instances.assembleDisks(store, cluster, nodes.at(pnode), renamed), op.debugLevel()),
                                            Map.of("OLD_INSTANCE_NAME", name)),
                                    Duration.ofMinutes(10)).forEach(ctx::feedback);
                        });
                return newName;
            }

            /** File disks live in a directory named after the instance: move it and rewrite the paths. */
            private List<Disk> moveFileDisks(Instance i) {
                List<Disk> out = new ArrayList<>();
                for (Disk d : i.disks()) {
                    if (d.logicalId().size() == 2 && (d.devType().equals("file") || d.devType().equals("sharedfile"))) {
                        Path oldPath = Path.of(d.logicalId().get(1));
                        Path oldDir = oldPath.getParent();
                        if (oldDir != null && oldDir.getFileName().toString().equals(i.name())) {
                            Path newDir = oldDir.resolveSibling(newName);
                            // the directory is on the primary node (Ganeti's file_storage_dir_rename)
                            nodes.at(pnode).renameFileStorageDir(oldDir.toString(), newDir.toString());
                            Path newPath = newDir.resolve(oldPath.getFileName());
                            out.add(new Disk(d.uuid(), d.name(), d.devType(), d.size(), d.mode(), d.spindles(),
                                    List.of(d.logicalId().get(0), newPath.toString()), d.nodes(), d.params()));
                            continue;
                        }
                    }
                    out.add(d);
                }
                return out;
            }
        };
    }
}
