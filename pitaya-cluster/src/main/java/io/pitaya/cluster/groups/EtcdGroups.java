package io.pitaya.cluster.groups;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.pitaya.api.PitayaException;
import io.pitaya.core.group.GroupService;
import io.pitaya.core.group.GroupServiceContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Pitaya's etcd group service: groups shared by every server of the cluster, in Pitaya's key layout (see
 * {@link GroupKeys}), so Go and Java servers see the same groups. Creation and membership changes are etcd
 * transactions conditioned on the keys' create revisions, so concurrent servers never lose or duplicate a member;
 * a group with a TTL is a lease that its member keys share, so the whole group goes when the lease expires.
 *
 * <p>Each call blocks its caller for at most {@code transactiontimeout} per etcd round trip (two for {@code add}
 * and {@code renewTTL}); an unreachable etcd answers PIT-000 {@code context deadline exceeded}, as Pitaya's does.
 */
public final class EtcdGroups implements GroupService {

    private static final Logger LOG = Logger.getLogger(EtcdGroups.class.getName());
    private static final GetOption COUNT = GetOption.builder().withCountOnly(true).build();
    private static final GetOption COUNT_PREFIX = GetOption.builder().isPrefix(true).withCountOnly(true).build();
    private static final GetOption KEYS_PREFIX = GetOption.builder().isPrefix(true).withKeysOnly(true).build();
    private static final DeleteOption DELETE_PREFIX = DeleteOption.builder().isPrefix(true).build();
    /** How often {@code add} starts over when the group was replaced between its two round trips. */
    private static final int ADD_ATTEMPTS = 3;

    private final EtcdGroupSettings settings;
    private final ThreadFactory threads;
    private volatile ExecutorService callbacks;
    private volatile Client client;

    public EtcdGroups(EtcdGroupSettings settings, ThreadFactory threads) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.threads = Objects.requireNonNull(threads, "threads");
    }

    public EtcdGroupSettings settings() {
        return settings;
    }

    /** Connects and checks that etcd answers within {@code dialtimeout}. */
    @Override
    public synchronized void start(GroupServiceContext context) {
        if (client != null) {
            throw new IllegalStateException("already started");
        }
        callbacks = Executors.newFixedThreadPool(2, threads);
        client = Client.builder().endpoints(settings.endpointUris().toArray(String[]::new))
                .namespace(GroupKeys.bytes(settings.prefix())).executorService(callbacks)
                .connectTimeout(settings.dialTimeout()).build();
        try {
            await(kv().get(GroupKeys.bytes("groups/"), COUNT_PREFIX), settings.dialTimeout());
        } catch (PitayaException e) {
            stop();
            throw new IllegalStateException("etcd groups: no answer from " + settings.endpoints() + " within "
                    + settings.dialTimeout().toMillis() + " ms: " + e.getMessage(), e);
        }
        LOG.info(() -> "groups are kept in etcd " + settings.endpoints() + " under " + settings.prefix() + "groups/");
    }

    @Override
    public synchronized void stop() {
        Client c = client;
        client = null;
        if (c != null) {
            c.close();
        }
        ExecutorService pool = callbacks;
        callbacks = null;
        if (pool != null) {
            pool.shutdownNow();
            try {
                pool.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // --- creation -------------------------------------------------------------------------------------------

    @Override
    public void create(String group) {
        if (!createGroup(group, 0)) {
            throw error("group already exists");
        }
    }

    @Override
    public void createWithTTL(String group, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("group TTL must be positive: " + ttl);
        }
        // whole seconds, as Pitaya grants it (etcd raises a TTL below its minimum)
        long lease = await(client().getLeaseClient().grant(Math.max(1, ttl.toSeconds()))).getID();
        if (!createGroup(group, lease)) {
            // Pitaya leaves the unused lease to expire; revoking it spares etcd the wait
            client().getLeaseClient().revoke(lease);
            throw error("group already exists");
        }
    }

    @Override
    public boolean createIfAbsent(String group) {
        return createGroup(group, 0);
    }

    /** Puts the group key unless it exists (create revision 0); true when this call created it. */
    private boolean createGroup(String group, long lease) {
        ByteSequence key = GroupKeys.bytes(GroupKeys.group(group));
        PutOption put = lease == 0 ? PutOption.DEFAULT : PutOption.builder().withLeaseId(lease).build();
        return await(kv().txn().If(absent(key)).Then(Op.put(key, GroupKeys.EMPTY, put)).commit()).isSucceeded();
    }

    // --- membership -----------------------------------------------------------------------------------------

    @Override
    public void add(String group, String uid) {
        ByteSequence member = GroupKeys.bytes(GroupKeys.member(group, uid));
        for (int attempt = 1; ; attempt++) {
            KeyValue groupKv = groupKv(group);
            // the member shares the group's lease; the compare on the group's create revision makes sure it is
            // still the group whose lease was read
            PutOption put = groupKv.getLease() == 0 ? PutOption.DEFAULT
                    : PutOption.builder().withLeaseId(groupKv.getLease()).build();
            TxnResponse response = await(kv().txn()
                    .If(new Cmp(groupKv.getKey(), Cmp.Op.EQUAL, CmpTarget.createRevision(groupKv.getCreateRevision())),
                            absent(member))
                    .Then(Op.put(member, GroupKeys.EMPTY, put))
                    .Else(Op.get(member, COUNT))
                    .commit());
            if (response.isSucceeded()) {
                return;
            }
            if (response.getGetResponses().get(0).getCount() > 0) {
                throw error("member already exists in group");
            }
            if (attempt == ADD_ATTEMPTS) {
                throw error("group not found");
            }
            // the group was deleted (the next read says so) or deleted and created again (the next try succeeds)
        }
    }

    @Override
    public void remove(String group, String uid) {
        ByteSequence member = GroupKeys.bytes(GroupKeys.member(group, uid));
        TxnResponse response = await(kv().txn().If(present(member)).Then(Op.delete(member, DeleteOption.DEFAULT))
                .commit());
        if (!response.isSucceeded()) {
            throw error("member not found in the group");
        }
    }

    @Override
    public List<String> members(String group) {
        GetResponse get = inGroup(group, Op.get(GroupKeys.bytes(GroupKeys.members(group)), KEYS_PREFIX))
                .getGetResponses().get(0);
        List<String> uids = new ArrayList<>(get.getKvs().size());
        for (KeyValue kv : get.getKvs()) {
            uids.add(GroupKeys.uid(group, kv.getKey()));
        }
        return uids;
    }

    @Override
    public boolean contains(String group, String uid) {
        return inGroup(group, Op.get(GroupKeys.bytes(GroupKeys.member(group, uid)), COUNT))
                .getGetResponses().get(0).getCount() > 0;
    }

    /** As Pitaya's etcd service: the members' keys counted, 0 for a group that does not exist. */
    @Override
    public int count(String group) {
        return (int) await(kv().get(GroupKeys.bytes(GroupKeys.members(group)), COUNT_PREFIX)).getCount();
    }

    @Override
    public void removeAll(String group) {
        inGroup(group, Op.delete(GroupKeys.bytes(GroupKeys.members(group)), DELETE_PREFIX));
    }

    @Override
    public void delete(String group) {
        inGroup(group, Op.delete(GroupKeys.bytes(GroupKeys.members(group)), DELETE_PREFIX),
                Op.delete(GroupKeys.bytes(GroupKeys.group(group)), DeleteOption.DEFAULT));
    }

    /** Renews the group's lease once (etcd's {@code KeepAliveOnce}): the group lives another TTL from now. */
    @Override
    public void renewTTL(String group) {
        KeyValue groupKv = groupKv(group);
        if (groupKv.getLease() == 0) {
            throw error("etcd lease not found in group");
        }
        if (await(client().getLeaseClient().keepAliveOnce(groupKv.getLease())).getTTL() <= 0) {
            throw error("etcdserver: requested lease not found"); // the lease expired just now, as Go's client says
        }
    }

    /**
     * Every group under the prefix and its member count, from one keys-only read of {@code groups/}. A key
     * {@code <g>/uids/<uid>} is a member of {@code g} when the group key {@code <g>} exists; members left without
     * their group key (never written so by Pitaya) are not listed.
     */
    @Override
    public SortedMap<String, Integer> sizes() {
        List<KeyValue> kvs = await(kv().get(GroupKeys.bytes(GroupKeys.ALL), KEYS_PREFIX)).getKvs();
        Set<String> names = new HashSet<>();
        for (KeyValue kv : kvs) {
            names.add(GroupKeys.name(kv.getKey()));
        }
        SortedMap<String, Integer> sizes = new TreeMap<>();
        for (String name : names) {
            String group = GroupKeys.groupOfMember(name, names);
            if (group == null) {
                sizes.merge(name, 0, Integer::sum);
            } else {
                sizes.merge(group, 1, Integer::sum);
            }
        }
        return sizes;
    }

    // --- etcd -----------------------------------------------------------------------------------------------

    private KeyValue groupKv(String group) {
        List<KeyValue> kvs = await(kv().get(GroupKeys.bytes(GroupKeys.group(group)))).getKvs();
        if (kvs.isEmpty()) {
            throw error("group not found");
        }
        return kvs.get(0);
    }

    /** Runs {@code ops} if the group exists. @throws PitayaException "group not found" */
    private TxnResponse inGroup(String group, Op... ops) {
        TxnResponse response = await(kv().txn().If(present(GroupKeys.bytes(GroupKeys.group(group)))).Then(ops)
                .commit());
        if (!response.isSucceeded()) {
            throw error("group not found");
        }
        return response;
    }

    private static Cmp absent(ByteSequence key) {
        return new Cmp(key, Cmp.Op.EQUAL, CmpTarget.createRevision(0));
    }

    private static Cmp present(ByteSequence key) {
        return new Cmp(key, Cmp.Op.GREATER, CmpTarget.createRevision(0));
    }

    private KV kv() {
        return client().getKVClient();
    }

    private Client client() {
        Client c = client;
        if (c == null) {
            throw error("etcd groups are not started");
        }
        return c;
    }

    private <T> T await(CompletableFuture<T> call) {
        return await(call, settings.transactionTimeout());
    }

    /** The call's result; a PIT-000 with etcd's message when it fails, Go's message when it takes too long. */
    private static <T> T await(CompletableFuture<T> call, Duration timeout) {
        try {
            return call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new PitayaException(PitayaException.UNKNOWN, "context deadline exceeded", java.util.Map.of(), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            LOG.log(Level.FINE, "etcd group call failed", cause);
            throw new PitayaException(PitayaException.UNKNOWN, etcdMessage(cause), java.util.Map.of(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            throw new PitayaException(PitayaException.UNKNOWN, "context canceled", java.util.Map.of(), e);
        }
    }

    /** etcd's own words (e.g. {@code etcdserver: requested lease not found}), without gRPC's status prefix. */
    static String etcdMessage(Throwable error) {
        String message = error.getMessage() == null ? error.toString() : error.getMessage();
        int etcd = message.indexOf("etcdserver: ");
        return etcd >= 0 ? message.substring(etcd) : message;
    }

    private static PitayaException error(String message) {
        return new PitayaException(PitayaException.UNKNOWN, message);
    }
}
