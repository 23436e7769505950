package dev.shopfleet.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.shopfleet.contract.ShopService;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * The eight services of a shop. Each is enabled unless it says otherwise. The rules below are the
 * call graph's required edges ({@link ShopService#requires()}); a unit test keeps them in step.
 */
@ValidationRule(value = "!" + ServicesSpec.STOREFRONT + " || " + ServicesSpec.CATALOG,
        message = "storefront needs catalog: enable catalog or disable storefront")
@ValidationRule(value = "!" + ServicesSpec.CART + " || " + ServicesSpec.CATALOG,
        message = "cart needs catalog: enable catalog or disable cart")
@ValidationRule(value = "!" + ServicesSpec.ORDERS + " || (" + ServicesSpec.USERS + " && " + ServicesSpec.CART + " && "
        + ServicesSpec.INVENTORY + " && " + ServicesSpec.PAYMENTS + ")",
        message = "orders needs users, cart, inventory and payments: enable them or disable orders")
public class ServicesSpec {
    // "service X is enabled" in CEL: absent objects and absent flags mean enabled.
    static final String STOREFRONT = "(!has(self.storefront) || !has(self.storefront.enabled) || self.storefront.enabled)";
    static final String USERS = "(!has(self.users) || !has(self.users.enabled) || self.users.enabled)";
    static final String CATALOG = "(!has(self.catalog) || !has(self.catalog.enabled) || self.catalog.enabled)";
    static final String CART = "(!has(self.cart) || !has(self.cart.enabled) || self.cart.enabled)";
    static final String ORDERS = "(!has(self.orders) || !has(self.orders.enabled) || self.orders.enabled)";
    static final String PAYMENTS = "(!has(self.payments) || !has(self.payments.enabled) || self.payments.enabled)";
    static final String INVENTORY = "(!has(self.inventory) || !has(self.inventory.enabled) || self.inventory.enabled)";

    private ShopServiceSpec storefront = new ShopServiceSpec();
    private DatabaseServiceSpec users = new DatabaseServiceSpec();
    private DatabaseServiceSpec catalog = new DatabaseServiceSpec();
    private DatabaseServiceSpec cart = new DatabaseServiceSpec();
    private DatabaseServiceSpec orders = new DatabaseServiceSpec();
    private DatabaseServiceSpec payments = new DatabaseServiceSpec();
    private DatabaseServiceSpec inventory = new DatabaseServiceSpec();
    private DatabaseServiceSpec notifications = new DatabaseServiceSpec();

    /** The spec of one service; never null (an omitted service has the defaults). */
    @JsonIgnore
    public ShopServiceSpec get(ShopService service) {
        ShopServiceSpec spec = switch (service) {
            case STOREFRONT -> storefront;
            case USERS -> users;
            case CATALOG -> catalog;
            case CART -> cart;
            case ORDERS -> orders;
            case PAYMENTS -> payments;
            case INVENTORY -> inventory;
            case NOTIFICATIONS -> notifications;
        };
        return spec != null ? spec : service.ownsDatabase() ? new DatabaseServiceSpec() : new ShopServiceSpec();
    }

    /** The database settings of a service that owns one; managed with the defaults when omitted. */
    @JsonIgnore
    public DatabaseSpec database(ShopService service) {
        if (!service.ownsDatabase()) {
            throw new IllegalArgumentException(service.id() + " has no database");
        }
        DatabaseSpec database = ((DatabaseServiceSpec) get(service)).getDatabase();
        return database != null ? database : new DatabaseSpec();
    }

    @JsonIgnore
    public boolean isEnabled(ShopService service) {
        return get(service).isEnabled();
    }

    public ShopServiceSpec getStorefront() {
        return storefront;
    }

    public void setStorefront(ShopServiceSpec storefront) {
        this.storefront = storefront;
    }

    public DatabaseServiceSpec getUsers() {
        return users;
    }

    public void setUsers(DatabaseServiceSpec users) {
        this.users = users;
    }

    public DatabaseServiceSpec getCatalog() {
        return catalog;
    }

    public void setCatalog(DatabaseServiceSpec catalog) {
        this.catalog = catalog;
    }

    public DatabaseServiceSpec getCart() {
        return cart;
    }

    public void setCart(DatabaseServiceSpec cart) {
        this.cart = cart;
    }

    public DatabaseServiceSpec getOrders() {
        return orders;
    }

    public void setOrders(DatabaseServiceSpec orders) {
        this.orders = orders;
    }

    public DatabaseServiceSpec getPayments() {
        return payments;
    }

    public void setPayments(DatabaseServiceSpec payments) {
        this.payments = payments;
    }

    public DatabaseServiceSpec getInventory() {
        return inventory;
    }

    public void setInventory(DatabaseServiceSpec inventory) {
        this.inventory = inventory;
    }

    public DatabaseServiceSpec getNotifications() {
        return notifications;
    }

    public void setNotifications(DatabaseServiceSpec notifications) {
        this.notifications = notifications;
    }
}
