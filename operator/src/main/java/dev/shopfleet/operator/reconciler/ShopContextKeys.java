package dev.shopfleet.operator.reconciler;

/** What the reconciler hands the workflow's conditions for one reconciliation. */
public final class ShopContextKeys {
    /** Map&lt;ShopService, String&gt;: problems of external databases' Secrets. */
    public static final String EXTERNAL_DATABASE_PROBLEMS = "external-database-problems";

    private ShopContextKeys() {
    }
}
